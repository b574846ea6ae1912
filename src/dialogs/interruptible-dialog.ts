import { Dialog, type DialogContext, type DialogTurnResult } from '../sdk/dialogs.js';
import type { Language } from '../content/languages.js';
import { sendReplies } from '../replies/send.js';
import type { DialogServices } from './services.js';
import type { Command } from '../understanding/commands.js';
import { turnInput, type TurnInput } from './turn-input.js';

/** Commands that interrupt whatever the conversation is doing, in every dialog ("human": asking for a person). */
const INTERRUPTIONS = new Set<Command>(['help', 'cancel', 'restart', 'back', 'human']);
export type Interruption = 'help' | 'cancel' | 'restart' | 'back' | 'human';

/**
 * The base of our dialogs: reads the turn once, and routes "help", "cancel", "restart" and
 * "back" (in any language) to a handler each dialog defines, before its own handling.
 * A dialog that can read one of those words as an answer of its own claims it in `claims`.
 */
export abstract class InterruptibleDialog<O extends object = object, S extends object = object> extends Dialog<O> {
  constructor(
    dialogId: string,
    protected readonly services: DialogServices,
  ) {
    super(dialogId);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const input = turnInput(dc.context);
    if (input.prompt) return this.onPrompt(dc, input.prompt);
    const command = input.payload?.action === 'command' ? input.payload.command : input.understanding?.command;
    if (command && INTERRUPTIONS.has(command) && !(await this.claims(dc, input))) {
      return this.onInterruption(dc, command as Interruption);
    }
    return this.onInput(dc, input);
  }

  /** True when this dialog reads the input as an answer of its own (a choice labelled "Stop"). */
  protected async claims(_dc: DialogContext, _input: TurnInput): Promise<boolean> {
    return false;
  }

  protected abstract onInterruption(dc: DialogContext, command: Interruption): Promise<DialogTurnResult>;

  /** Greets, or asks again what this dialog waits for, in the conversation's language (see TurnInput.prompt). */
  protected abstract onPrompt(dc: DialogContext, prompt: 'welcome' | 'again'): Promise<DialogTurnResult>;

  protected abstract onInput(dc: DialogContext, input: TurnInput): Promise<DialogTurnResult>;

  /** This dialog's own state on the stack (kept in conversation state between turns). */
  protected state(dc: DialogContext): S {
    return dc.activeDialog!.state as S;
  }

  /** The conversation's language this turn. */
  protected language(dc: DialogContext): Language {
    return turnInput(dc.context).language;
  }

  protected t(dc: DialogContext, key: string, values?: Record<string, unknown>): string {
    return this.services.t(this.language(dc), key, values);
  }

  protected async say(dc: DialogContext, text: string): Promise<void> {
    await sendReplies(dc.context, { text });
  }
}
