import { Channels } from '../sdk/activity.js';
import { type StatePropertyAccessor, type TurnContext } from '../sdk/turn.js';
import { DialogSet, DialogTurnStatus, dialogStateConfigurationReuse, type Dialog, type DialogState } from '../sdk/dialogs.js';

/**
 * Runs the dialogs for one turn: continue the active one, or begin the first (the bottom of
 * the stack) when none is. `prepare` sees the stored dialog state first (to bring an older
 * stored shape up to date).
 *
 * botbuilder-dialogs' `runDialog` does the same and more each turn: it builds and validates a
 * memory-scope manager (for declarative dialogs, which we do not use) and builds a trace of the
 * whole memory that every channel but the Emulator then drops. Both cost more than our own
 * dialogs do. Here the DialogSet is built once, the memory scopes once (sdk/dialogs.ts), and the
 * state trace (the Emulator's inspector shows it) is built only on the Emulator's channel.
 */
export function dialogRunner(
  [bottom, ...others]: readonly [Dialog, ...Dialog[]],
  dialogState: StatePropertyAccessor<DialogState>,
  prepare: (state: DialogState) => void = () => undefined,
): (context: TurnContext) => Promise<void> {
  const dialogs = new DialogSet(dialogState).add(bottom);
  for (const dialog of others) dialogs.add(dialog);
  const scopes = dialogStateConfigurationReuse();
  return async (context) => {
    prepare(await dialogState.get(context, { dialogStack: [] }));
    scopes.prepare(context);
    const dc = await dialogs.createContext(context);
    scopes.keep(dc);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(bottom.id);
    if (context.activity.channelId === Channels.Emulator) {
      await context.sendTraceActivity('BotState', { dialogStack: dc.stack }, 'https://www.botframework.com/schemas/botState', 'Bot State');
    }
  };
}
