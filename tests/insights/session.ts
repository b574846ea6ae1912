import type { Activity } from 'botbuilder';
import type { Language } from '../../src/content/languages.js';
import type { Translate } from '../../src/i18n/i18n.js';
import { lastThread, TeamsAgent } from '../handoff/support.js';
import type { FakeConnector } from '../support/fake-connector.js';
import type { BotClient, HttpReply } from '../support/http-bot.js';

/**
 * The scripted session of the support-team tests: 50 conversations in four languages with
 * answers, 👍 and 👎, a clarification left unpicked, declines (one with a card number or a
 * password typed in), a guided tree left midway and one that ends in a hand-off. With a fake
 * Teams connector (and HANDOFF_TEAMS_* pointing the bot at it), the English hand-off is taken
 * by an agent in Teams, closed, and rated by the customer, with a comment. It tallies
 * what the bot visibly did, from its replies, so the dashboard and /metrics are checked
 * against what a customer saw, not against the events.
 */
interface Script {
  answers: string[];
  /** Declined questions an entry should answer (what `npm run review` must place). */
  inScopeDeclines: Array<{ text: string; entry: string }>;
  /** Declined, fitting no entry, with a secret typed in. */
  secretDecline: string;
  clarify: string;
  /** A question whose entry has the 2FA tree. */
  tree: string;
  greeting?: string;
  /** The comment after rating a hand-off, with a secret typed in it. */
  comment: string;
}

export const SECRETS = ['Tr0ub4dor&3', '4111 1111 1111 1111', '4111111111111111'];

const SCRIPTS: Record<Language, Script> = {
  it: {
    answers: [
      'il codice supporto dove lo vedo che non lo trovo',
      'vorrei la fattura intestata alla mia società invece che a me',
      'posso avere kSuite per 12 persone invece di 6?',
      'come smetto di ricevere la newsletter?',
      'come cambio la mail di recupero?',
      'come disattivo la garanzia di rinnovo su tutti i prodotti?',
      'come esco da un\'organizzazione?',
    ],
    inScopeDeclines: [{ text: 'perché i nomi dei miei database iniziano tutti con una sigla tipo ab12_?', entry: 'mysql-prefix' }],
    secretDecline: 'la mia password è Tr0ub4dor&3, chi ha vinto la partita ieri sera?',
    clarify: 'fattura o sollecito, non capisco',
    tree: 'la doppia autenticazione mi blocca, come la tolgo?',
    greeting: 'ciao',
    comment: 'gentilissimi, grazie',
  },
  en: {
    answers: [
      'how do I stop getting your newsletters?',
      'where is my VIP code?',
      'how do I change my recovery email address?',
      'I want to add a second billing address',
      'how do I turn off Renewal Warranty for all my products?',
      'how can I upgrade my kSuite offer?',
      'how do I switch to another organization?',
    ],
    inScopeDeclines: [{ text: 'why do all my database names start with something like ab12_?', entry: 'mysql-prefix' }],
    secretDecline: 'my card is 4111 1111 1111 1111, what will the weather be tomorrow in London?',
    clarify: '2FA on webmail is a pain, how do I get rid of it?',
    tree: 'I am locked out of two-factor authentication, how do I turn it off?',
    comment: 'Anna was quick, thanks! my password is Tr0ub4dor&3',
  },
  fr: {
    answers: [
      'je veux ajouter une deuxième adresse de facturation',
      'où trouver mon code support ?',
      'comment arrêter de recevoir la newsletter ?',
      "comment changer l'adresse e-mail de récupération ?",
      'désactiver la garantie de renouvellement pour tous mes produits',
      "comment quitter une organisation ?",
      'comment passer à une offre kSuite supérieure ?',
    ],
    inScopeDeclines: [{ text: 'la facture du VPS doit être établie au nom de notre filiale, comment on fait ?', entry: 'billing-address' }],
    secretDecline: 'ma carte est 4111111111111111, quel temps fera-t-il demain à Lyon ?',
    clarify: 'plus de pub par mail merci',
    tree: "je n'arrive plus à passer la double authentification, comment la désactiver ?",
    comment: 'merci beaucoup',
  },
  de: {
    answers: [
      'Wie aktiviere ich Renewal Warranty für alle meine Produkte?',
      'Wo finde ich meinen Support-Code?',
      'Wie bestelle ich den Newsletter ab?',
      'Wie ändere ich meine Wiederherstellungs-E-Mail-Adresse?',
      'Ich möchte eine zweite Rechnungsadresse hinzufügen',
      'Wie verlasse ich eine Organisation?',
      'Wie wechsle ich zu einem größeren kSuite-Angebot?',
    ],
    inScopeDeclines: [{ text: 'kSuite für 12 statt 6 Leute, wie geht das?', entry: 'ksuite-offer' }],
    secretDecline: 'meine Karte ist 4111 1111 1111 1111, wer hat gestern das Spiel gewonnen?',
    clarify: 'Kann ich ein Produkt an eine andere Firma verrechnen lassen?',
    tree: 'Ich komme wegen der Zwei-Faktor-Authentifizierung nicht mehr rein, wie schalte ich sie aus?',
    greeting: 'hallo',
    comment: 'vielen Dank',
  },
};

export interface Tally {
  conversations: number;
  answered: number;
  clarified: number;
  declined: number;
  helpful: number;
  unhelpful: number;
  /** Conversations offered a person. */
  handoffs: number;
  /** Hand-offs an agent took, then closed; the customers' ratings and comments. */
  handoffsTaken: number;
  handoffsClosed: number;
  ratings: number[];
  comments: Array<{ score: number; typed: string }>;
  /** The Teams threads of the cases the agent took. */
  threads: string[];
  treesLeftMidway: number;
  /** Per language. */
  byLanguage: Record<Language, { conversations: number; answered: number; clarified: number; declined: number }>;
  /** Declined questions an entry answers, by the entry. */
  inScopeDeclined: Array<{ text: string; language: Language; entry: string }>;
  /** Those declined or clarified with no choice made: what `npm run review` places. */
  inScopeUnanswered: Array<{ text: string; language: Language; entry: string }>;
}

const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-US', fr: 'fr-FR', de: 'de-DE' };

export interface SessionOptions {
  /** The fake Teams connector the bot's HANDOFF_TEAMS_SERVICE_URL points at: hand-offs then reach an agent. */
  agents?: FakeConnector;
  /** Languages whose hand-off the agent takes (default: English only). */
  takenIn?: readonly Language[];
}

/** Runs the session against a bot (or, with `clients`, alternately against several processes). */
export async function runSession(clients: readonly BotClient[], t: Translate, prefix: string, options: SessionOptions = {}): Promise<Tally> {
  const tally: Tally = {
    conversations: 0,
    answered: 0,
    clarified: 0,
    declined: 0,
    helpful: 0,
    unhelpful: 0,
    handoffs: 0,
    handoffsTaken: 0,
    handoffsClosed: 0,
    ratings: [],
    comments: [],
    threads: [],
    treesLeftMidway: 0,
    byLanguage: { it: zero(), en: zero(), fr: zero(), de: zero() },
    inScopeDeclined: [],
    inScopeUnanswered: [],
  };
  let n = 0;
  const conversation = (language: Language) => {
    const id = `${prefix}-${language}-${n}`;
    const client = clients[n++ % clients.length]!;
    tally.conversations++;
    tally.byLanguage[language].conversations++;
    // Messages name the fake connector as their service URL: what an agent says reaches the customer there.
    const serviceUrl = options.agents ? { serviceUrl: options.agents.url } : {};
    const send = async (text: string, value?: unknown): Promise<HttpReply> => {
      const reply = await client.say(id, text, { locale: LOCALES[language], ...serviceUrl, ...(value ? { value } : {}) });
      if (reply.status !== 200) throw new Error(`${id}: POST answered ${reply.status}`);
      return reply;
    };
    const click = (reply: HttpReply, title: string) => {
      const action = actions(reply.replies).find((a) => a.title === title);
      if (!action) throw new Error(`${id}: no button "${title}" among ${actions(reply.replies).map((a) => a.title).join(', ')}`);
      return send(String(action.title), action.value);
    };
    /** Types a question and counts what the bot did with it, as the customer saw it. */
    const ask = async (text: string) => {
      const reply = await send(text);
      const seen = decisionSeen(reply.replies, language, t);
      if (seen) {
        tally[seen]++;
        tally.byLanguage[language][seen]++;
      }
      return { reply, seen };
    };
    return { ask, click, send, id, client };
  };

  for (const language of ['it', 'en', 'fr', 'de'] as const) {
    const script = SCRIPTS[language];
    const s = (key: string) => t(language, key);
    for (const [i, question] of script.answers.entries()) {
      const c = conversation(language);
      const { reply, seen } = await c.ask(question);
      if (seen !== 'answered' || !actions(reply.replies).some((a) => a.title === s('answer.helpfulYes'))) continue;
      if (i % 3 === 0) {
        await c.click(reply, s('answer.helpfulYes'));
        tally.helpful++;
      } else if (i % 3 === 1) {
        await c.click(reply, s('answer.helpfulNo'));
        tally.unhelpful++;
      }
    }
    for (const decline of script.inScopeDeclines) {
      const { seen } = await conversation(language).ask(decline.text);
      if (seen === 'declined') tally.inScopeDeclined.push({ ...decline, language });
      // Asked about and left there ("did you mean…" with no choice made) is unanswered too:
      // the review places both.
      if (seen === 'declined' || seen === 'clarified') tally.inScopeUnanswered.push({ ...decline, language });
    }
    await conversation(language).ask(script.secretDecline);
    {
      const c = conversation(language);
      const { reply, seen } = await c.ask(script.clarify);
      if (seen === 'clarified') await c.click(reply, s('clarify.none'));
    }
    // The 2FA tree, left at its second question ("locked out" leads there).
    {
      const c = conversation(language);
      const { reply } = await c.ask(script.tree);
      const started = await c.click(reply, s('tree.start'));
      await c.click(started, actions(started.replies).at(-1)!.title);
      tally.treesLeftMidway++;
    }
    // The 2FA tree to its end, "not solved": a hand-off.
    {
      const c = conversation(language);
      const { reply } = await c.ask(script.tree);
      let step = await c.click(reply, s('tree.start'));
      for (let guard = 0; guard < 6 && !actions(step.replies).some((a) => a.title === s('tree.notSolved')); guard++) {
        step = await c.click(step, actions(step.replies).at(-1)!.title);
      }
      const offered = await c.click(step, s('tree.notSolved'));
      tally.handoffs++;
      if (options.agents && (options.takenIn ?? ['en']).includes(language)) await takeAndRate(c, offered, options.agents, language, script.comment);
    }
    if (script.greeting) await conversation(language).send(script.greeting);
  }

  /** A person is asked for; an agent in Teams takes the case and closes it; the customer rates it and comments. */
  async function takeAndRate(c: ReturnType<typeof conversation>, offered: HttpReply, connector: FakeConnector, language: Language, comment: string) {
    await c.click(offered, t(language, 'handoff.talk'));
    const { threadId, card } = lastThread(connector);
    const agent = new TeamsAgent(c.client.url, connector);
    // The card speaks the agents' language (HANDOFF_AGENT_LANGUAGE=en in handoffEnv).
    await agent.clickCard(threadId, card(), t('en', 'handoff.agent.take'));
    tally.handoffsTaken++;
    await agent.clickCard(threadId, card(), t('en', 'handoff.agent.close'));
    tally.handoffsClosed++;
    tally.threads.push(threadId);
    // The rating question reaches the customer through the connector, outside their turn.
    const asked = await connector.waitForActivities(1, (a) => a.postedTo === c.id && (a.suggestedActions?.actions.length ?? 0) === 5);
    const score = 4;
    const button = asked.at(-1)!.suggestedActions!.actions.find((a) => a.title === String(score))!;
    await c.send(String(button.title), button.value);
    tally.ratings.push(score);
    await c.send(comment);
    tally.comments.push({ score, typed: comment });
  }

  return tally;
}

const zero = () => ({ conversations: 0, answered: 0, clarified: 0, declined: 0 });
const actions = (replies: Activity[]) => replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: a.value as unknown }));

/** What the bot did with a typed question, read from its replies: an answer (or a tree's offer), "did you mean", or "I don't know". */
function decisionSeen(replies: Activity[], language: Language, t: Translate): 'answered' | 'clarified' | 'declined' | undefined {
  const text = replies.map((r) => r.text ?? '').join('\n');
  const titles = actions(replies).map((a) => a.title);
  if (titles.includes(t(language, 'answer.helpfulYes')) || titles.includes(t(language, 'tree.start'))) return 'answered';
  if (text.includes(t(language, 'clarify.text'))) return 'clarified';
  if (text.includes(t(language, 'none.text'))) return 'declined';
  return undefined;
}
