import type * as Sdk from 'botbuilder';
import { botbuilder } from './packages.js';

/**
 * Adapters, authentication and the Teams activity handler: the parts of the SDK that talk to
 * the Bot Framework connector. The Agents SDK's counterparts differ here (its `CloudAdapter`
 * authenticates with `authorizeJWT` and an `AuthConfiguration`; Teams handlers move to
 * `@microsoft/agents-hosting-extensions-teams`), so this is the file a move rewrites.
 */
export const { BotAdapter, CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler } = botbuilder;
export type BotAdapter = Sdk.BotAdapter;
export type CloudAdapter = Sdk.CloudAdapter;
export type ConfigurationBotFrameworkAuthentication = Sdk.ConfigurationBotFrameworkAuthentication;
export type TeamsActivityHandler = Sdk.TeamsActivityHandler;
