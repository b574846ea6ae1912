import type { TurnContext } from 'botbuilder';
import type { DialogContext as Context } from 'botbuilder-dialogs';

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

// Where botbuilder-dialogs keeps a turn's memory-scope configuration in turnState
// (memory/dialogStateManager.js): not exported, hence named here.
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * One memory-scope configuration for every turn. Each DialogContext's DialogStateManager asks
 * every registered component for new memory-scope objects when the turn's turnState has no
 * configuration yet (a seventh of a turn's CPU in a profile of the HTTP benchmark), though the
 * scopes hold no state of their own: they read the turn they are given. The first context's
 * configuration (its public `state.configuration`) is kept and placed in each later turn's
 * turnState before its context is made. Should the SDK read another key, it builds its own
 * as before: slower, never wrong.
 */
export function dialogStateConfigurationReuse() {
  let kept: Context['state']['configuration'] | undefined;
  return {
    /** Before the turn's dialog context is made. */
    prepare(context: TurnContext): void {
      if (kept && context.turnState.get(STATE_CONFIGURATION) === undefined) context.turnState.set(STATE_CONFIGURATION, kept);
    },
    /** With the turn's dialog context, once made. */
    keep(dc: Context): void {
      kept ??= dc.state.configuration;
    },
  };
}
