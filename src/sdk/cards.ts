import type * as Sdk from 'botbuilder';
import { botbuilder } from './packages.js';

/** Builders for attachments and event activities (Agents SDK: `CardFactory` in agents-hosting). */
export const { CardFactory, EventFactory } = botbuilder;
export type CardFactory = Sdk.CardFactory;
export type EventFactory = Sdk.EventFactory;
