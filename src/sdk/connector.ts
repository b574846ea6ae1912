/**
 * The Bot Framework connector client and its authentication, used to post proactive messages
 * (hand-off threads in Teams). The Agents SDK builds its connector client from the adapter's
 * connection settings instead, so this file is rewritten in a move.
 */
export {
  AuthenticationConstants,
  ClaimsIdentity,
  type BotFrameworkAuthentication,
  type ConnectorClient,
} from 'botframework-connector';
