import type { EventStore } from '../insights/event-store.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Understander } from '../understanding/understander.js';
import { groupMisses, unplace, type ReviewedQuestion, type ReviewGroups } from './group.js';
import { collectMisses } from './misses.js';
import { ScratchKnowledge } from './patch.js';
import type { PlacementRule } from './place.js';
import { unanswered } from './verify.js';

const DAY_MS = 24 * 3600 * 1000;
// Each round retrains on the patched base; taking questions out rarely changes the others'
// answers, so a second round is the most seen. Past this many, what is left goes to drafts.
const MAX_ROUNDS = 4;

export interface ReviewOptions {
  store: EventStore;
  kb: KnowledgeBase;
  /** The understander trained on a knowledge base (with the project's commands and options). */
  train: (kb: KnowledgeBase) => Understander;
  knowledgeDir: string;
  /** The folder the patch's paths start from (the repository root). */
  root: string;
  days: number;
  rule: PlacementRule;
  /** Every secret mask of every language. */
  masks: readonly string[];
  now?: number;
}

export interface ReviewResult {
  groups: ReviewGroups;
  /** A `git diff`, empty when there is nothing to add. */
  patch: string;
  missed: number;
  /** Questions first put in an entry that the patched base did not answer with it: now in drafts. */
  notAnswered: Array<{ entry: string; question: ReviewedQuestion }>;
}

/**
 * The review loop: the last days' misses, each put in the entry it clearly belongs to, the
 * rest in drafts; the patch is then written, loaded and trained on, and a question the patched
 * base does not answer with its entry is moved to a draft, until every question the patch adds
 * to an entry is answered by it.
 */
export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const now = options.now ?? Date.now();
  const misses = await collectMisses(options.store, now - options.days * DAY_MS);
  let groups = groupMisses(misses, options.kb, options.train(options.kb), { rule: options.rule, masks: options.masks });
  const day = new Date(now).toISOString().slice(0, 10);
  const notAnswered: ReviewResult['notAnswered'] = [];
  const scratch = new ScratchKnowledge(options.knowledgeDir, options.root);
  try {
    for (let round = 1; ; round++) {
      scratch.write(groups, day);
      if (groups.entries.size === 0) break;
      const patched = options.train(await loadKnowledge(scratch.knowledgeDir));
      const failing = unanswered(groups, patched);
      if (failing.length === 0) break;
      const moving = round < MAX_ROUNDS ? failing : [...groups.entries].flatMap(([entry, qs]) => qs.map((question) => ({ entry, question })));
      notAnswered.push(...moving);
      groups = unplace(groups, moving);
    }
    const empty = groups.entries.size === 0 && groups.clusters.length === 0;
    return { groups, missed: misses.length, notAnswered, patch: empty ? '' : scratch.diff() };
  } finally {
    scratch.dispose();
  }
}
