import { describe, expect, it } from 'vitest';
import { botbuilder } from '../../src/sdk/packages.js';
import { Dialog, type DialogContext, type DialogTurnResult } from '../../src/sdk/dialogs.js';
import { ConversationState } from '../../src/sdk/turn.js';
import { MemoryStorage } from '../../src/sdk/storage.js';
import { dialogRunner } from '../../src/bot/dialog-runner.js';

/** A dialog that stays on the stack and notes, each turn, what its context's memory reads. */
class Recording extends Dialog {
  readonly seen: Array<{ configuration: unknown; activityText: unknown }> = [];
  constructor() {
    super('recording');
  }
  private note(dc: DialogContext): DialogTurnResult {
    this.seen.push({ configuration: dc.state.configuration, activityText: dc.state.getValue('turn.activity.text') });
    return Dialog.EndOfTurn;
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.note(dc);
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.note(dc);
  }
}

describe('the dialog runner', () => {
  it('builds the memory scopes once, and each turn still reads its own activity through them', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialog = new Recording();
    const run = dialogRunner([dialog], state.createProperty('dialogState'));
    const adapter = new botbuilder.TestAdapter(async (context) => {
      await run(context);
      await state.saveChanges(context);
    });
    await adapter.send('first').send('second').send('third').startTest();
    expect(dialog.seen.map((s) => s.activityText)).toEqual(['first', 'second', 'third']);
    const [first, ...later] = dialog.seen.map((s) => s.configuration);
    expect(first).toBeDefined();
    for (const configuration of later) expect(configuration).toBe(first);
  });
});
