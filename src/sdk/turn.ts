import type * as Sdk from 'botbuilder';
import { botbuilder } from './packages.js';

/**
 * A turn and what runs around it: the context, middleware, state accessors and the transcript
 * logger interface (Agents SDK: the same names in `@microsoft/agents-hosting`).
 */
export const { ConversationState, TranscriptLoggerMiddleware, TurnContext } = botbuilder;
export type ConversationState = Sdk.ConversationState;
export type TranscriptLoggerMiddleware = Sdk.TranscriptLoggerMiddleware;
export type TurnContext = Sdk.TurnContext;
export type { Middleware, StatePropertyAccessor, TranscriptLogger } from 'botbuilder';
