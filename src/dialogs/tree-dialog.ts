import { Dialog, type DialogContext, type DialogTurnResult } from '../sdk/dialogs.js';
import type { Language } from '../content/languages.js';
import { answerContent, answerMarkdown } from '../replies/answers.js';
import type { Payload } from '../replies/payload.js';
import type { Reply } from '../replies/reply.js';
import { sendReplies } from '../replies/send.js';
import type { Tree, TreeNode } from '../trees/model.js';
import { walkFrom } from '../trees/walk.js';
import { turnEvents } from '../insights/turn-events.js';
import { InterruptibleDialog, type Interruption } from './interruptible-dialog.js';
import { noteTreeEvent } from '../handoff/case-notes.js';
import { TREE_DIALOG, type DialogServices } from './services.js';
import type { TurnInput } from './turn-input.js';
import { pendingOptions, type TreeOption, type TreeState } from './tree-state.js';
import { matchTypedChoice, turnCommandReader, typedOnce } from './typed-choice.js';

export interface TreeOptions {
  tree: string;
}

/** Where a tree gave up, and what it says about it. */
export interface TreeHandoff {
  text: string;
  tree: string;
  node: string;
}

/** What a tree hands back to the router when it ends. */
export interface TreeOutcome {
  /** Something the customer asked for instead (another topic, a button of another reply). */
  redirect?: Payload;
  /** The tree could not help (a "not solved", a handoff leaf): the router offers a person, with this text first. */
  handoff?: TreeHandoff;
}

/**
 * The one engine that runs every guided tree of dialogs/: it shows a node, waits for a
 * choice (a click or typed in any language), and walks on; at a leaf it asks whether that
 * solved it. Nothing here knows any particular tree.
 */
export class TreeDialog extends InterruptibleDialog<TreeOptions, TreeState> {
  constructor(services: DialogServices) {
    super(TREE_DIALOG, services);
  }

  override async beginDialog(dc: DialogContext, options?: TreeOptions): Promise<DialogTurnResult> {
    const tree = options && this.services.trees.get(options.tree);
    if (!tree) throw new Error(`TreeDialog: unknown tree "${options?.tree}"`);
    Object.assign(this.state(dc), { tree: tree.id, at: tree.start, history: [], phase: 'question' } satisfies TreeState);
    await this.say(dc, this.t(dc, 'tree.started', { title: tree.title[this.language(dc)] }));
    return this.enter(dc, tree, tree.start);
  }

  /** A tree whose file was removed since the conversation started cannot go on: say so and end it. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (this.services.trees.get(this.state(dc).tree)) return super.continueDialog(dc);
    await this.say(dc, this.t(dc, 'tree.gone'));
    return dc.endDialog({} satisfies TreeOutcome);
  }

  protected override async claims(dc: DialogContext, input: TurnInput): Promise<boolean> {
    return this.typedOption(dc, input) !== undefined;
  }

  protected override async onInterruption(dc: DialogContext, command: Interruption): Promise<DialogTurnResult> {
    const state = this.state(dc);
    // Asking for a person mid-check: the router asks to confirm; the steps so far are in the case notes.
    if (command === 'human') return dc.endDialog({ redirect: { action: 'command', command: 'human' } } satisfies TreeOutcome);
    const tree = this.tree(dc);
    const title = tree.title[this.language(dc)];
    if (command !== 'help') state.switchTo = undefined;
    switch (command) {
      case 'cancel':
        turnEvents(dc.context).treeEnded(tree.id, state.at, 'cancelled');
        await this.say(dc, this.t(dc, 'tree.cancelled', { title }));
        return dc.endDialog({} satisfies TreeOutcome);
      case 'restart':
        Object.assign(state, { at: tree.start, history: [], phase: 'question' });
        await this.say(dc, this.t(dc, 'tree.restarted', { title }));
        return this.enter(dc, tree, tree.start);
      case 'back': {
        const previous = state.history.pop();
        if (!previous) {
          await this.say(dc, this.t(dc, 'tree.firstQuestion'));
          return this.askAgain(dc);
        }
        return this.enter(dc, tree, previous);
      }
      case 'help':
        await this.say(dc, this.t(dc, 'tree.help', { title }));
        return this.askAgain(dc);
    }
  }

  /** Mid-check there is always something pending: ask it again. */
  protected override onPrompt(dc: DialogContext): Promise<DialogTurnResult> {
    return this.askAgain(dc);
  }

  protected override async onInput(dc: DialogContext, input: TurnInput): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const payload = input.payload ?? this.typedOption(dc, input);
    if (payload) return this.onPayload(dc, payload);
    const understanding = input.understanding;
    // A new question mid-check: offer to leave the check for it rather than force it into the choices.
    if (understanding?.decision === 'answer' && understanding.intent !== this.tree(dc).entry && this.services.kb.get(understanding.intent)) {
      state.switchTo = understanding.intent;
      return this.askAgain(dc);
    }
    const key = understanding?.decision === 'answer' ? 'tree.alreadyHere' : 'tree.notUnderstood';
    state.switchTo = undefined;
    await this.say(dc, this.t(dc, key));
    return this.askAgain(dc);
  }

  private async onPayload(dc: DialogContext, payload: Payload): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const tree = this.tree(dc);
    if (payload.action === 'choice' && payload.tree === tree.id && state.phase === 'question') {
      const node = tree.nodes.get(state.at);
      if (payload.node === state.at && node?.type === 'question' && node.choices.some((c) => c.next === payload.next)) {
        state.history.push(state.at);
        state.switchTo = undefined;
        noteTreeEvent(dc.context, { tree: tree.id, node: state.at, next: payload.next });
        return this.enter(dc, tree, payload.next);
      }
      await this.say(dc, this.t(dc, 'tree.staleChoice'));
      return this.askAgain(dc);
    }
    if (payload.action === 'solved' && payload.tree === tree.id && state.phase === 'feedback') {
      const events = turnEvents(dc.context);
      events.feedback({ kind: 'solved', value: payload.solved ? 1 : 0, tree: tree.id, node: state.at });
      noteTreeEvent(dc.context, { tree: tree.id, node: state.at, solved: payload.solved });
      if (payload.solved) {
        events.treeEnded(tree.id, state.at, 'solved');
        await this.say(dc, this.t(dc, 'tree.solved'));
        return dc.endDialog({} satisfies TreeOutcome);
      }
      return this.handOff(dc, this.t(dc, 'handoff.notSolved'));
    }
    if (payload.action === 'switch' && payload.tree === tree.id && payload.entry === state.switchTo) {
      if (payload.accept) turnEvents(dc.context).treeEnded(tree.id, state.at, 'switched');
      if (payload.accept) return dc.endDialog({ redirect: { action: 'entry', entry: payload.entry } } satisfies TreeOutcome);
      state.switchTo = undefined;
      return this.askAgain(dc);
    }
    // help / cancel / restart / back were handled as interruptions; other commands answer nothing here.
    if (payload.action === 'command') return this.askAgain(dc);
    if (payload.action === 'choice' || payload.action === 'solved' || payload.action === 'switch') {
      await this.say(dc, this.t(dc, 'tree.staleChoice'));
      return this.askAgain(dc);
    }
    // A button of another reply (a topic, an article): the customer has moved on.
    return dc.endDialog({ redirect: payload } satisfies TreeOutcome);
  }

  /** Shows the nodes from `from` up to the next question or leaf, and waits or ends there. */
  private async enter(dc: DialogContext, tree: Tree, from: string): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const language = this.language(dc);
    const path = walkFrom(tree, from);
    for (const id of path) turnEvents(dc.context).treeNode(tree.id, id);
    const replies: Reply[] = [];
    for (const id of path.slice(0, -1)) replies.push({ text: this.nodeText(tree.nodes.get(id)!, language) });
    const lastId = path[path.length - 1]!;
    const last = tree.nodes.get(lastId)!;
    state.at = lastId;
    if (last.type === 'handoff') {
      await sendReplies(dc.context, ...replies);
      noteTreeEvent(dc.context, { tree: tree.id, node: lastId, solved: false });
      return this.handOff(dc, this.nodeText(last, language));
    }
    if (last.type === 'question') {
      state.phase = 'question';
    } else {
      replies.push({ text: this.nodeText(last, language) });
      state.phase = 'feedback';
    }
    await sendReplies(dc.context, ...replies);
    return this.askAgain(dc);
  }

  /** Asks what the current phase waits for: the question, "did this solve it?", or "switch?". */
  private async askAgain(dc: DialogContext): Promise<DialogTurnResult> {
    const language = this.language(dc);
    const options = this.options(dc);
    const node = this.tree(dc).nodes.get(this.state(dc).at)!;
    const state = this.state(dc);
    const text = state.switchTo
      ? this.t(dc, 'tree.switch', { title: this.tree(dc).title[language], topic: this.switchTitle(dc) })
      : state.phase === 'question'
        ? this.nodeText(node, language)
        : this.t(dc, 'tree.didItHelp');
    await sendReplies(dc.context, { text, choices: options.map((o) => ({ title: o.label[language], payload: o.payload })) });
    return Dialog.EndOfTurn;
  }

  /** The choices of the current phase, each with its labels in every language. */
  private options(dc: DialogContext): TreeOption[] {
    return pendingOptions(this.tree(dc), this.state(dc), this.services.t);
  }

  private typedOption(dc: DialogContext, input: TurnInput): Payload | undefined {
    if (input.payload || !input.text) return undefined;
    return typedOnce(dc.context, this.state(dc), () => {
      const options = this.options(dc);
      const index = matchTypedChoice(options, input.text, input.language, turnCommandReader(input, this.services.understander.recognizeCommand));
      return index === undefined ? undefined : options[index]?.payload;
    });
  }

  /** Ends the tree: the router offers a person, with this text first. */
  private async handOff(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const events = turnEvents(dc.context);
    // The hand-off itself is recorded where the router offers the person.
    events.treeEnded(state.tree, state.at, state.phase === 'feedback' ? 'not-solved' : 'handoff');
    return dc.endDialog({ handoff: { text, tree: state.tree, node: state.at } } satisfies TreeOutcome);
  }

  private nodeText(node: TreeNode, language: Language): string {
    if (node.type !== 'entry') return node.text[language];
    const entry = this.services.kb.get(node.entry);
    const article = entry ? answerMarkdown(answerContent(entry, language)) : '';
    return [node.text?.[language], article].filter(Boolean).join('\n\n');
  }

  private switchTitle(dc: DialogContext): string {
    const id = this.state(dc).switchTo;
    return (id && this.services.kb.get(id)?.text[this.language(dc)].title) || '';
  }

  private tree(dc: DialogContext): Tree {
    const tree = this.services.trees.get(this.state(dc).tree);
    if (!tree) throw new Error(`TreeDialog: the tree "${this.state(dc).tree}" in conversation state no longer exists`);
    return tree;
  }




}
