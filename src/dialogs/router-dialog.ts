import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import { LANGUAGES, type Language } from '../content/languages.js';
import { everyLanguage } from '../i18n/i18n.js';
import type { Entry } from '../knowledge/model.js';
import { answerReply } from '../replies/answers.js';
import type { Payload } from '../replies/payload.js';
import { sendReplies } from '../replies/send.js';
import type { Command } from '../understanding/commands.js';
import type { Understanding } from '../understanding/understander.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { ROUTER_DIALOG, TREE_DIALOG, type DialogServices } from './services.js';
import type { TreeOptions, TreeOutcome } from './tree-dialog.js';
import type { TurnInput } from './turn-input.js';
import { matchTypedChoice, turnCommandReader, type TypeableChoice } from './typed-choice.js';

/** A button the router offered, remembered so that typing its label works like a click. */
interface Offered extends TypeableChoice {
  payload: Payload;
}

interface RouterState {
  offered?: Offered[];
}

/**
 * The bottom of the dialog stack: reads each message that no guided tree is handling and
 * answers it from the knowledge base, asks "did you mean…", starts a tree, or says honestly
 * that it does not know.
 */
export class RouterDialog extends InterruptibleDialog<object, RouterState> {
  constructor(services: DialogServices) {
    super(ROUTER_DIALOG, services);
  }

  override beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.continueDialog(dc);
  }

  /** A tree ended: carry on with what it handed back (another topic, a clicked button). */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, outcome?: TreeOutcome): Promise<DialogTurnResult> {
    if (outcome?.redirect) return this.onPayload(dc, outcome.redirect);
    return Dialog.EndOfTurn;
  }

  protected override async claims(dc: DialogContext, input: TurnInput): Promise<boolean> {
    return this.typedChoice(dc, input) !== undefined;
  }

  protected override async onInterruption(dc: DialogContext, command: 'help' | 'cancel' | 'restart' | 'back'): Promise<DialogTurnResult> {
    return this.onCommand(dc, command);
  }

  protected override async onInput(dc: DialogContext, input: TurnInput): Promise<DialogTurnResult> {
    const payload = input.payload ?? this.typedChoice(dc, input);
    this.state(dc).offered = undefined;
    if (payload) return this.onPayload(dc, payload);
    const understanding = input.understanding;
    if (!understanding) {
      await this.say(dc, this.t(dc, 'fallback.noText'));
      return Dialog.EndOfTurn;
    }
    if (understanding.command) return this.onCommand(dc, understanding.command);
    return this.onUnderstanding(dc, understanding);
  }

  private async onUnderstanding(dc: DialogContext, understanding: Understanding): Promise<DialogTurnResult> {
    const { kb } = this.services;
    if (understanding.decision === 'answer') {
      const entry = kb.get(understanding.intent);
      if (entry) return this.offerEntry(dc, entry);
    }
    if (understanding.decision === 'clarify') {
      const entries = understanding.offered.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined);
      if (entries.length > 0) {
        await this.ask(dc, this.t(dc, 'clarify.text'), [
          ...entries.map((e) => this.entryOffer(e)),
          { label: everyLanguage(this.services.t, 'clarify.none'), means: 'no', payload: { action: 'none' } },
        ]);
        return Dialog.EndOfTurn;
      }
    }
    await this.askTopics(dc, this.t(dc, 'none.text'));
    return Dialog.EndOfTurn;
  }

  private async onPayload(dc: DialogContext, payload: Payload): Promise<DialogTurnResult> {
    const { kb, trees } = this.services;
    switch (payload.action) {
      case 'entry':
      case 'article': {
        const entry = kb.get(payload.entry);
        if (!entry) break;
        return payload.action === 'entry' ? this.offerEntry(dc, entry) : this.answer(dc, entry);
      }
      case 'tree':
        if (trees.get(payload.tree)) return dc.beginDialog(TREE_DIALOG, { tree: payload.tree } satisfies TreeOptions);
        break;
      case 'command':
        return this.onCommand(dc, payload.command);
      case 'none':
        await this.askTopics(dc, this.t(dc, 'none.afterClarify'));
        return Dialog.EndOfTurn;
      case 'choice':
      case 'solved':
      case 'switch': {
        // A button of a guided check that has ended: offer to run it again.
        const tree = trees.get(payload.tree);
        if (tree) {
          await this.ask(dc, this.t(dc, 'tree.expired', { title: tree.title[this.language(dc)] }), [
            { label: everyLanguage(this.services.t, 'tree.start'), means: 'yes', payload: { action: 'tree', tree: tree.id } },
          ]);
          return Dialog.EndOfTurn;
        }
      }
    }
    await this.askTopics(dc, this.t(dc, 'none.text'));
    return Dialog.EndOfTurn;
  }

  private async onCommand(dc: DialogContext, command: Command): Promise<DialogTurnResult> {
    switch (command) {
      case 'help':
        await this.askTopics(dc, this.t(dc, 'help.text'));
        break;
      case 'restart':
        await this.say(dc, this.t(dc, 'restart.done'));
        await this.askTopics(dc, this.t(dc, 'welcome.text'));
        break;
      case 'greeting':
        await this.askTopics(dc, this.t(dc, 'greeting.reply'));
        break;
      case 'cancel':
      case 'back':
        await this.askTopics(dc, this.t(dc, `${command}.nothing`));
        break;
      case 'thanks':
      case 'goodbye':
        await this.say(dc, this.t(dc, `${command}.reply`));
        break;
      default:
        // yes / no / don't know with no question pending
        await this.askTopics(dc, this.t(dc, 'fallback.noQuestion'));
    }
    return Dialog.EndOfTurn;
  }

  /** An entry with a guided tree offers the tree or the article; any other is answered. */
  private async offerEntry(dc: DialogContext, entry: Entry): Promise<DialogTurnResult> {
    const tree = entry.tree ? this.services.trees.get(entry.tree) : undefined;
    if (!tree) return this.answer(dc, entry);
    await this.ask(dc, this.t(dc, 'tree.offer', { title: entry.text[this.language(dc)].title }), [
      { label: everyLanguage(this.services.t, 'tree.start'), means: 'yes', payload: { action: 'tree', tree: tree.id } },
      { label: everyLanguage(this.services.t, 'tree.article'), means: 'no', payload: { action: 'article', entry: entry.id } },
    ]);
    return Dialog.EndOfTurn;
  }

  private async answer(dc: DialogContext, entry: Entry): Promise<DialogTurnResult> {
    const { kb, t } = this.services;
    const reply = answerReply(kb, entry, this.language(dc), t);
    await sendReplies(dc.context, reply);
    this.state(dc).offered = entry.related.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined).map((e) => this.entryOffer(e));
    return Dialog.EndOfTurn;
  }

  private async askTopics(dc: DialogContext, text: string): Promise<void> {
    await this.ask(dc, text, [...this.services.kb.entries.values()].map((e) => this.entryOffer(e)));
  }

  /** Sends a question with its choices as buttons, and remembers them for typed answers. */
  private async ask(dc: DialogContext, text: string, offered: Offered[]): Promise<void> {
    const language = this.language(dc);
    await sendReplies(dc.context, { text, choices: offered.map((o) => ({ title: o.label[language], payload: o.payload })) });
    this.state(dc).offered = offered;
  }

  private typedChoice(dc: DialogContext, input: TurnInput): Payload | undefined {
    const offered = this.state(dc).offered;
    if (!offered || input.payload || !input.text) return undefined;
    const index = matchTypedChoice(offered, input.text, input.language, turnCommandReader(input, this.services.understander.recognizeCommand));
    return index === undefined ? undefined : offered[index]?.payload;
  }

  private entryOffer(entry: Entry): Offered {
    return {
      label: Object.fromEntries(LANGUAGES.map((l) => [l, entry.text[l].title])) as Record<Language, string>,
      payload: { action: 'entry', entry: entry.id },
    };
  }




}
