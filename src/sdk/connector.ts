import type * as Sdk from 'botframework-connector';
import { connector } from './packages.js';

/**
 * The Bot Framework connector client and its authentication, used to post proactive messages
 * (hand-off threads in Teams). The Agents SDK builds its connector client from the adapter's
 * connection settings instead, so this file is rewritten in a move.
 */
export const { AuthenticationConstants, ClaimsIdentity } = connector;
export type ClaimsIdentity = Sdk.ClaimsIdentity;
export type { BotFrameworkAuthentication, ConnectorClient } from 'botframework-connector';
