/**
 * The dialog classes the router and the guided trees are built on (Agents SDK:
 * `@microsoft/agents-hosting-dialogs`, the same classes).
 */
export {
  ComponentDialog,
  Dialog,
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogReason,
  type DialogState,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
