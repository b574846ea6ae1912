import type * as Sdk from 'botbuilder';
import { botbuilder } from './packages.js';

/**
 * The activity schema: the JSON every channel speaks, and the names of its constants. This folder
 * is the only place that names the Bot Framework SDK, so a move to the Microsoft 365 Agents SDK
 * (whose `@microsoft/agents-activity` exports the same names) is a change of these files.
 */
export const { ActionTypes, ActivityTypes, Channels, DeliveryModes } = botbuilder;
export type ActionTypes = Sdk.ActionTypes;
export type ActivityTypes = Sdk.ActivityTypes;
export type Channels = Sdk.Channels;
export type DeliveryModes = Sdk.DeliveryModes;
export type { Activity, Attachment, CardAction, ChannelAccount, ConversationReference, InvokeResponse, MessagingExtensionQuery, MessagingExtensionResponse, ResourceResponse } from 'botbuilder';
