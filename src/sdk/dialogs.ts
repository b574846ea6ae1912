/**
 * The dialog classes the router and the guided trees are built on (Agents SDK:
 * `@microsoft/agents-hosting-dialogs`, the same classes).
 *
 * Imported from their own files, not from the package's index: the index also loads every
 * prompt and, through them, the Microsoft Recognizers Text date/number parsers, ~40 MB of
 * resident memory and half a second of start-up for code Sportello never runs.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export type { DialogContext, DialogReason, DialogState, DialogTurnResult } from 'botbuilder-dialogs';
