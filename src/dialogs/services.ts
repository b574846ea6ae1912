import type { Translate } from '../i18n/i18n.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { TreeCatalog } from '../trees/model.js';
import type { Understander } from '../understanding/understander.js';
import type { HandoffDesk } from '../handoff/desk.js';

/** What the dialogs need, passed in by the composition root so each can be tested alone. */
export interface DialogServices {
  kb: KnowledgeBase;
  trees: TreeCatalog;
  understander: Understander;
  t: Translate;
  /** Passes customers to agents in Teams; without it (or without an agents' channel) the bot says how to reach support. */
  handoff?: HandoffDesk;
}

export const ROUTER_DIALOG = 'router';
export const TREE_DIALOG = 'tree';
export const MAIN_DIALOG = 'main';
