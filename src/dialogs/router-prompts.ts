import { LANGUAGES, type Language } from '../content/languages.js';
import { everyLanguage } from '../i18n/i18n.js';
import type { Entry } from '../knowledge/model.js';
import type { Payload } from '../replies/payload.js';
import { topicMenuPage } from '../replies/topic-menu.js';
import type { TurnContext } from '../sdk/turn.js';
import { BoundedMap } from '../util/bounded-map.js';
import { personOffer, talkToPerson } from './person-offer.js';
import type { DialogServices } from './services.js';
import type { TreeHandoff } from './tree-dialog.js';
import type { TypeableChoice } from './typed-choice.js';

/** A button the router offered, remembered so that typing its label works like a click. */
export interface Offered extends TypeableChoice {
  payload: Payload;
}

/**
 * What the router last asked, by ids and string keys only. The question and its buttons are
 * rebuilt from the content when they are needed (a typed answer, a language switch), so state
 * does not carry every label in four languages through every turn and every idle conversation.
 */
export type Asked =
  | { menu: 'topics'; key: string; from: number; person?: true }
  | { menu: 'clarify'; entries: string[] }
  | { menu: 'treeOffer'; entry: string; tree: string }
  | { menu: 'expired'; tree: string }
  | { menu: 'answered'; entry: string }
  | { menu: 'person'; from?: TreeHandoff };

/** A question with its buttons, in every language. */
export interface Prompt {
  question: Record<Language, string>;
  offered: Offered[];
}

// Prompts built from content are asked again turn after turn (the topic menu above all): the
// same ids give the same question and buttons while the content is loaded, so each is built
// once per set of services. The bound keeps "did you mean" lists of every combination from piling up.
const MAX_REMEMBERED = 1_000;
const remembered = new WeakMap<DialogServices, BoundedMap<string, Prompt | undefined>>();

/** The question and buttons of what was asked, from the content as it is now; undefined if that content is gone. */
export async function promptFor(services: DialogServices, context: TurnContext, language: Language, asked: Asked): Promise<Prompt | undefined> {
  // The person offer tells the case as it stands this turn: never kept.
  if (asked.menu === 'person') {
    const offer = await personOffer(services, context, language, asked.from);
    return offer.kind === 'confirm' ? offer : undefined;
  }
  let prompts = remembered.get(services);
  if (!prompts) remembered.set(services, (prompts = new BoundedMap(MAX_REMEMBERED)));
  return prompts.remember(JSON.stringify(asked), () => contentPrompt(services, asked));
}

/** A prompt that only the content decides. */
function contentPrompt(services: DialogServices, asked: Exclude<Asked, { menu: 'person' }>): Prompt | undefined {
  const { kb, trees, t } = services;
  const yes = (key: string, payload: Payload): Offered => ({ label: everyLanguage(t, key), means: 'yes', payload });
  const no = (key: string, payload: Payload): Offered => ({ label: everyLanguage(t, key), means: 'no', payload });
  switch (asked.menu) {
    case 'topics': {
      const page = topicMenuPage(kb, asked.from);
      const offered = [...(asked.person ? [talkToPerson(services)] : []), ...page.entries.map((e) => entryOffer(e))];
      if (page.more !== undefined) offered.push({ label: everyLanguage(t, 'topics.moreButton'), payload: { action: 'topics', from: page.more } });
      return { question: everyLanguage(t, asked.key), offered };
    }
    case 'clarify': {
      const entries = asked.entries.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined);
      if (entries.length === 0) return undefined;
      return { question: everyLanguage(t, 'clarify.text'), offered: [...entries.map((e) => entryOffer(e)), no('clarify.none', { action: 'none' })] };
    }
    case 'treeOffer': {
      const entry = kb.get(asked.entry);
      if (!entry || !trees.get(asked.tree)) return undefined;
      return {
        question: everyLanguage(t, 'tree.offer', (l) => ({ title: entry.text[l].title })),
        offered: [yes('tree.start', { action: 'tree', tree: asked.tree }), no('tree.article', { action: 'article', entry: entry.id })],
      };
    }
    case 'expired': {
      const tree = trees.get(asked.tree);
      if (!tree) return undefined;
      return { question: everyLanguage(t, 'tree.expired', (l) => ({ title: tree.title[l] })), offered: [yes('tree.start', { action: 'tree', tree: tree.id })] };
    }
    case 'answered': {
      const entry = kb.get(asked.entry);
      if (!entry) return undefined;
      const related = entry.related.map((id) => kb.get(id)).filter((e): e is Entry => e !== undefined);
      return {
        // Asked again after a language switch: the related questions' line, or "was this helpful?".
        question: everyLanguage(t, related.length > 0 ? 'answer.related' : 'answer.helpful'),
        offered: [
          ...related.map((e) => entryOffer(e)),
          yes('answer.helpfulYes', { action: 'helpful', entry: entry.id, helpful: true }),
          no('answer.helpfulNo', { action: 'helpful', entry: entry.id, helpful: false }),
        ],
      };
    }
  }
}

/** An entry as a button: its title in every language. */
function entryOffer(entry: Entry): Offered {
  return {
    label: Object.fromEntries(LANGUAGES.map((l) => [l, entry.text[l].title])) as Record<Language, string>,
    payload: { action: 'entry', entry: entry.id },
  };
}
