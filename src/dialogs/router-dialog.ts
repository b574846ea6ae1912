import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from '../sdk/dialogs.js';
import type { Entry } from '../knowledge/model.js';
import { answerReply } from '../replies/answers.js';
import type { Payload } from '../replies/payload.js';
import { sendReplies } from '../replies/send.js';
import type { Command } from '../understanding/commands.js';
import type { Understanding } from '../understanding/understander.js';
import { turnEvents } from '../insights/turn-events.js';
import { InterruptibleDialog, type Interruption } from './interruptible-dialog.js';
import { noteEntry } from '../handoff/case-notes.js';
import { connectPerson, personOffer, sendHandoffEvent } from './person-offer.js';
import { promptFor, type Asked, type Prompt } from './router-prompts.js';
import { ROUTER_DIALOG, TREE_DIALOG, type DialogServices } from './services.js';
import type { TreeHandoff, TreeOptions, TreeOutcome } from './tree-dialog.js';
import { turnInput, type TurnInput } from './turn-input.js';
import { matchTypedChoice, turnCommandReader, typedOnce } from './typed-choice.js';

interface RouterState {
  asked?: Asked;
  /** The last answer shown, and the (masked) question it answered, for a 👎 to keep. */
  answered?: { entry: string; question?: string };
  /** Messages in a row that nothing answered: from the second, a person is offered. */
  unanswered?: number;
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
    if (outcome?.handoff) return this.offerPerson(dc, outcome.handoff);
    return Dialog.EndOfTurn;
  }

  protected override async claims(dc: DialogContext, input: TurnInput): Promise<boolean> {
    return (await this.typedChoice(dc, input)) !== undefined;
  }

  protected override async onInterruption(dc: DialogContext, command: Interruption): Promise<DialogTurnResult> {
    return this.onCommand(dc, command);
  }

  /** The welcome's topic menu, or the last question again with its buttons in the current language. */
  protected override async onPrompt(dc: DialogContext, prompt: 'welcome' | 'again'): Promise<DialogTurnResult> {
    const { asked } = this.state(dc);
    if (prompt === 'again' && asked) await this.ask(dc, asked);
    else await this.askTopics(dc, prompt === 'welcome' ? 'welcome.text' : 'topics.prompt');
    return Dialog.EndOfTurn;
  }

  protected override async onInput(dc: DialogContext, input: TurnInput): Promise<DialogTurnResult> {
    const payload = input.payload ?? (await this.typedChoice(dc, input));
    this.state(dc).asked = undefined;
    const unanswered = this.state(dc).unanswered ?? 0;
    // Absent, not 0: no defaults are stored with every conversation.
    this.state(dc).unanswered = undefined;
    if (payload) return this.onPayload(dc, payload);
    const understanding = input.understanding;
    if (!understanding) {
      await this.say(dc, this.t(dc, 'fallback.noText'));
      return Dialog.EndOfTurn;
    }
    if (understanding.command) return this.onCommand(dc, understanding.command);
    return this.onUnderstanding(dc, understanding, unanswered);
  }

  private async onUnderstanding(dc: DialogContext, understanding: Understanding, unanswered = 0): Promise<DialogTurnResult> {
    const { kb } = this.services;
    turnEvents(dc.context).decided(understanding);
    if (understanding.decision === 'answer') {
      const entry = kb.get(understanding.intent);
      if (entry) return this.offerEntry(dc, entry);
    }
    if (understanding.decision === 'clarify') {
      const entries = understanding.offered.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined);
      if (entries.length > 0) {
        await this.ask(dc, { menu: 'clarify', entries: entries.map((e) => e.id) });
        return Dialog.EndOfTurn;
      }
    }
    // The second message in a row with no answer: a person may help where the bot cannot.
    this.state(dc).unanswered = unanswered + 1;
    await this.askTopics(dc, 'none.text', 0, unanswered + 1 >= 2);
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
        await this.askTopics(dc, 'none.afterClarify', 0, true);
        return Dialog.EndOfTurn;
      case 'handoff':
        if (payload.step === 'confirm') {
          const replies = await connectPerson(this.services, dc.context, this.language(dc));
          if (!replies) return this.offerPerson(dc);
          await sendReplies(dc.context, ...replies);
          return Dialog.EndOfTurn;
        }
        if (payload.step === 'decline') {
          await this.say(dc, this.t(dc, 'handoff.declined'));
          return Dialog.EndOfTurn;
        }
        break;
      case 'topics':
        await this.askTopics(dc, 'topics.more', payload.from);
        return Dialog.EndOfTurn;
      case 'helpful':
        return this.onHelpful(dc, payload.entry, payload.helpful);
      case 'choice':
      case 'solved':
      case 'switch': {
        // A button of a guided check that has ended: offer to run it again.
        const tree = trees.get(payload.tree);
        if (tree) {
          await this.ask(dc, { menu: 'expired', tree: tree.id });
          return Dialog.EndOfTurn;
        }
      }
    }
    await this.askTopics(dc, 'none.text');
    return Dialog.EndOfTurn;
  }

  private async onCommand(dc: DialogContext, command: Command): Promise<DialogTurnResult> {
    switch (command) {
      case 'help':
        await this.askTopics(dc, 'help.text');
        break;
      case 'restart':
        await this.say(dc, this.t(dc, 'restart.done'));
        await this.askTopics(dc, 'welcome.text');
        break;
      case 'greeting':
        await this.askTopics(dc, 'greeting.reply');
        break;
      case 'cancel':
      case 'back':
        await this.askTopics(dc, `${command}.nothing`);
        break;
      case 'thanks':
      case 'goodbye':
        await this.say(dc, this.t(dc, `${command}.reply`));
        break;
      case 'human':
        return this.offerPerson(dc);
      default:
        // yes / no / don't know with no question pending
        await this.askTopics(dc, 'fallback.noQuestion');
    }
    return Dialog.EndOfTurn;
  }

  /** An entry with a guided tree offers the tree or the article; any other is answered. */
  private async offerEntry(dc: DialogContext, entry: Entry): Promise<DialogTurnResult> {
    const tree = entry.tree ? this.services.trees.get(entry.tree) : undefined;
    if (!tree) return this.answer(dc, entry);
    noteEntry(dc.context, entry.id);
    await this.ask(dc, { menu: 'treeOffer', entry: entry.id, tree: tree.id });
    return Dialog.EndOfTurn;
  }

  private async answer(dc: DialogContext, entry: Entry): Promise<DialogTurnResult> {
    const { kb, t } = this.services;
    noteEntry(dc.context, entry.id);
    const reply = answerReply(kb, entry, this.language(dc), t);
    await sendReplies(dc.context, reply);
    turnEvents(dc.context).answered(entry.id);
    const state = this.state(dc);
    // The question is remembered only when it was typed: a clicked topic asks nothing new.
    const question = turnInput(dc.context).understanding?.text;
    state.answered = { entry: entry.id, ...(question ? { question } : {}) };
    // The card itself carries the related topics and "was this helpful?": remembered, not sent again.
    state.asked = { menu: 'answered', entry: entry.id };
    return Dialog.EndOfTurn;
  }

  /** 👍 thanks; 👎 records the question for the team's review and offers another way in. */
  private async onHelpful(dc: DialogContext, entry: string, helpful: boolean): Promise<DialogTurnResult> {
    const answered = this.state(dc).answered;
    const question = answered?.entry === entry ? answered.question : undefined;
    turnEvents(dc.context).feedback({ kind: 'helpful', value: helpful ? 1 : 0, entry, ...(question ? { text: question } : {}) });
    this.state(dc).answered = undefined;
    if (helpful) await this.say(dc, this.t(dc, 'answer.thanks'));
    else await this.askTopics(dc, 'answer.notHelpful');
    return Dialog.EndOfTurn;
  }

  /** The topic menu: the most asked topics from `from`, then "More topics" while some remain. */
  private async askTopics(dc: DialogContext, key: string, from = 0, withPerson = false): Promise<void> {
    await this.ask(dc, { menu: 'topics', key, from, ...(withPerson ? { person: true as const } : {}) });
  }

  /** Asking for a person: what will be passed on and "connect me?", or how to reach support where hand-offs are not set up. */
  private async offerPerson(dc: DialogContext, from?: TreeHandoff): Promise<DialogTurnResult> {
    // One place for every way to a person (a tree that did not solve it, "talk to a human").
    turnEvents(dc.context).handoff({ phase: 'requested', ...(from ? { tree: from.tree, node: from.node } : {}) });
    const offer = await personOffer(this.services, dc.context, this.language(dc), from);
    if (offer.kind === 'confirm') {
      await this.send(dc, offer);
      this.state(dc).asked = { menu: 'person', ...(from ? { from } : {}) };
      return Dialog.EndOfTurn;
    }
    await this.say(dc, offer.text);
    await sendHandoffEvent(dc.context, from ? { tree: from.tree, node: from.node, language: this.language(dc) } : { language: this.language(dc) });
    return Dialog.EndOfTurn;
  }

  /** Sends a question with its choices as buttons, and remembers what was asked for typed answers and a language switch. */
  private async ask(dc: DialogContext, asked: Asked): Promise<void> {
    const prompt = await promptFor(this.services, dc.context, this.language(dc), asked);
    if (prompt) await this.send(dc, prompt);
    this.state(dc).asked = prompt ? asked : undefined;
  }

  private async send(dc: DialogContext, { question, offered }: Prompt): Promise<void> {
    const language = this.language(dc);
    await sendReplies(dc.context, { text: question[language], choices: offered.map((o) => ({ title: o.label[language], payload: o.payload })) });
  }


  private typedChoice(dc: DialogContext, input: TurnInput): Promise<Payload | undefined> {
    const asked = this.state(dc).asked;
    if (!asked || input.payload || !input.text) return Promise.resolve(undefined);
    return typedOnce(dc.context, asked, async () => {
      const offered = (await promptFor(this.services, dc.context, this.language(dc), asked))?.offered;
      if (!offered) return undefined;
      const index = matchTypedChoice(offered, input.text, input.language, turnCommandReader(input, this.services.understander.recognizeCommand));
      return index === undefined ? undefined : offered[index]?.payload;
    });
  }
}
