import type { EventStore } from '../insights/event-store.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Understander } from '../understanding/understander.js';
import { groupMisses, type ReviewGroups } from './group.js';
import { collectMisses } from './misses.js';
import { reviewPatch } from './patch.js';

const DAY_MS = 24 * 3600 * 1000;

export interface ReviewOptions {
  store: EventStore;
  kb: KnowledgeBase;
  understander: Understander;
  knowledgeDir: string;
  /** The folder the patch's paths start from (the repository root). */
  root: string;
  days: number;
  minScore: number;
  now?: number;
}

export interface ReviewResult {
  groups: ReviewGroups;
  /** A `git diff`, empty when there is nothing to add. */
  patch: string;
  missed: number;
}

/** The review loop: the last days' misses, grouped by entry, as a patch against knowledge/. */
export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const now = options.now ?? Date.now();
  const misses = await collectMisses(options.store, now - options.days * DAY_MS);
  const groups = groupMisses(misses, options.kb, options.understander, { minScore: options.minScore });
  const empty = groups.entries.size === 0 && groups.clusters.length === 0;
  const day = new Date(now).toISOString().slice(0, 10);
  return { groups, missed: misses.length, patch: empty ? '' : reviewPatch({ groups, knowledgeDir: options.knowledgeDir, root: options.root, day }) };
}
