/**
 * A turn and what runs around it: the context, middleware, state accessors and the transcript
 * logger interface (Agents SDK: the same names in `@microsoft/agents-hosting`).
 */
export {
  ConversationState,
  TranscriptLoggerMiddleware,
  TurnContext,
  type Middleware,
  type StatePropertyAccessor,
  type TranscriptLogger,
} from 'botbuilder';
