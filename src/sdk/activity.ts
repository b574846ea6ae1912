/**
 * The activity schema: the JSON every channel speaks, and the names of its constants. This folder
 * is the only place that names the Bot Framework SDK, so a move to the Microsoft 365 Agents SDK
 * (whose `@microsoft/agents-activity` exports the same names) is a change of these files.
 */
export {
  ActionTypes,
  ActivityTypes,
  Channels,
  DeliveryModes,
  type Activity,
  type Attachment,
  type CardAction,
  type ChannelAccount,
  type ConversationReference,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type ResourceResponse,
} from 'botbuilder';
