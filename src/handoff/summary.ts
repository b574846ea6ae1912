import type { Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { TreeCatalog, TreeNode } from '../trees/model.js';
import type { CaseNotes } from './case-notes.js';
import type { CaseSummary } from './model.js';

export interface SummaryContext {
  kb: KnowledgeBase;
  trees: TreeCatalog;
  /** The language the summary is written in (entry titles, questions, answers). */
  language: Language;
  customerLanguage: Language;
  channel: string;
  openedAt: Date;
}

/** The first line of a node's text: the question, without the Markdown around it. */
const headline = (node: TreeNode | undefined, language: Language): string => {
  if (!node || !('text' in node) || !node.text) return '';
  const text = node.text[language] ?? '';
  return text.split('\n').find((l) => l.trim())?.replace(/[*_`#>]/g, '').trim() ?? '';
};

/** Turns the conversation's notes into the case an agent reads: pure, from the notes and the content. */
export function buildSummary(notes: CaseNotes, context: SummaryContext): CaseSummary {
  const { kb, trees, language } = context;
  const checks: CaseSummary['checks'] = [];
  let open: CaseSummary['checks'][number] | undefined;
  let openTree: string | undefined;
  for (const event of notes.walk ?? []) {
    const tree = trees.get(event.tree);
    if (!open || openTree !== event.tree) {
      open = { title: tree?.title[language] ?? event.tree, steps: [] };
      openTree = event.tree;
      checks.push(open);
    }
    const node = tree?.nodes.get(event.node);
    if ('next' in event) {
      const choice = node?.type === 'question' ? node.choices.find((c) => c.next === event.next) : undefined;
      open.steps.push({ question: headline(node, language), answer: choice?.label[language] ?? event.next });
    } else {
      Object.assign(open, { outcome: headline(node, language), solved: event.solved });
      // A check that ended is told; walking the same tree again is another run.
      open = undefined;
    }
  }
  return {
    language: context.customerLanguage,
    ...(notes.firstQuestion ? { firstQuestion: notes.firstQuestion } : {}),
    entries: (notes.entries ?? []).map((id) => kb.get(id)?.text[language].title ?? id),
    checks,
    ...(notes.supportCode ? { supportCode: notes.supportCode } : {}),
    channel: context.channel,
    openedAt: context.openedAt.toISOString(),
  };
}
