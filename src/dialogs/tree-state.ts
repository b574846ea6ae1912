import { everyLanguage, type Translate } from '../i18n/i18n.js';
import type { Payload } from '../replies/payload.js';
import type { Tree } from '../trees/model.js';
import type { TypeableChoice } from './typed-choice.js';

/**
 * Where the customer is in a tree. It lives in conversation state, so a restarted bot on
 * persistent storage carries on from here.
 */
export interface TreeState {
  tree: string;
  /** The question node being asked, or the last node shown when asking feedback. */
  at: string;
  /** Question nodes answered so far, for "back". */
  history: string[];
  /** What the tree waits for: an answer to the question at `at`, or "did this solve it?". */
  phase: 'question' | 'feedback';
  /**
   * Set while "leave this check and look at <entry>?" waits for an answer. Kept apart from
   * `phase` so that declining goes back to whatever was being asked before.
   */
  switchTo?: string;
}

/** A button the tree offers, with its labels in every language so it can be typed back. */
export type TreeOption = TypeableChoice & { payload: Payload };

/** The answers the tree waits for in this state: the switch offer's, "did this solve it?"'s, or the question's choices. */
export function pendingOptions(tree: Tree, state: TreeState, t: Translate): TreeOption[] {
  const yesNo = (yes: Payload, no: Payload, yesKey: string, noKey: string): TreeOption[] => [
    { label: everyLanguage(t, yesKey), means: 'yes', payload: yes },
    { label: everyLanguage(t, noKey), means: 'no', payload: no },
  ];
  if (state.switchTo) {
    const entry = state.switchTo;
    return yesNo({ action: 'switch', tree: tree.id, entry, accept: true }, { action: 'switch', tree: tree.id, entry, accept: false }, 'tree.switchYes', 'tree.switchNo');
  }
  if (state.phase === 'feedback') {
    return yesNo({ action: 'solved', tree: tree.id, solved: true }, { action: 'solved', tree: tree.id, solved: false }, 'tree.yesSolved', 'tree.notSolved');
  }
  const node = tree.nodes.get(state.at);
  if (node?.type !== 'question') return [];
  return node.choices.map((c) => ({ ...c, payload: { action: 'choice', tree: tree.id, node: state.at, next: c.next } }));
}
