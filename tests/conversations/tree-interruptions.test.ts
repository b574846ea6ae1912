import { MemoryStorage } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Language } from '../../src/content/languages.js';
import { Conversation, buttons, createTestBot, payloads, texts } from '../support/bot-harness.js';
import { LOCALES } from '../support/tree-walk.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

const t = (language: Language, key: string, values?: Record<string, unknown>) => app.services.t(language, key, values);
const tree = (id: string) => app.services.trees.get(id)!;
/** A node's text, and a question's choice labels, in one language. */
const text = (treeId: string, node: string, language: Language = 'it') => {
  const found = tree(treeId).nodes.get(node)!;
  if (found.type === 'entry') throw new Error('no entry nodes here');
  return found.text[language];
};
const labels = (treeId: string, node: string, language: Language = 'it') => {
  const found = tree(treeId).nodes.get(node)!;
  return found.type === 'question' ? found.choices.map((c) => c.label[language]) : [];
};

/** A conversation that has just started a tree by its button, in one language. */
async function inTree(treeId: string, language: Language = 'it', conversation = new Conversation(app, LOCALES[language])) {
  const replies = await conversation.click(t(language, 'tree.start'), { action: 'tree', tree: treeId });
  expect(texts(replies)).toContain(text(treeId, tree(treeId).start, language));
  return { conversation, replies };
}

describe('going back in a tree', () => {
  it('"indietro" goes back to the previous question', async () => {
    const { conversation } = await inTree('2fa-recovery');
    expect(texts(await conversation.say('No, sono bloccato'))).toContain(text('2fa-recovery', 'has-emergency-codes'));
    const replies = await conversation.say('indietro');
    expect(texts(replies)).toContain(text('2fa-recovery', 'can-pass-second-factor'));
    expect(buttons(replies)).toEqual(labels('2fa-recovery', 'can-pass-second-factor'));
  });

  it('"back" twice walks back two questions', async () => {
    const { conversation } = await inTree('leave-organization', 'en');
    await conversation.say('Leave one');
    await conversation.say("No, it's blocked");
    expect(texts(await conversation.say('back'))).toContain(text('leave-organization', 'leave-result', 'en'));
    expect(texts(await conversation.say('back'))).toContain(text('leave-organization', 'switch-or-leave', 'en'));
  });

  it('"zurück" from "did this solve it?" goes back to the last question', async () => {
    const { conversation } = await inTree('2fa-recovery', 'de');
    expect(texts(await conversation.say('Ja, das geht noch'))).toContain(t('de', 'tree.didItHelp'));
    const replies = await conversation.say('zurück');
    expect(texts(replies)).toContain(text('2fa-recovery', 'can-pass-second-factor', 'de'));
    expect(buttons(replies)).toEqual(labels('2fa-recovery', 'can-pass-second-factor', 'de'));
  });

  it('says so when already at the first question, and asks it again', async () => {
    const { conversation } = await inTree('mysql-connection');
    const replies = await conversation.say('indietro');
    expect(texts(replies)).toContain(t('it', 'tree.firstQuestion'));
    expect(buttons(replies)).toEqual(labels('mysql-connection', 'prefix-state'));
  });
});

describe('restarting, cancelling and asking for help in a tree', () => {
  it('"ricomincia" starts the tree again from its first question', async () => {
    const { conversation } = await inTree('invoice-reminder');
    await conversation.say('Sì, è autentico');
    const replies = await conversation.say('ricomincia');
    expect(texts(replies)).toContain(t('it', 'tree.restarted', { title: tree('invoice-reminder').title.it }));
    expect(texts(replies)).toContain(text('invoice-reminder', 'is-genuine'));
    // Nothing is left to go back to after a restart.
    expect(texts(await conversation.say('indietro'))).toContain(t('it', 'tree.firstQuestion'));
  });

  it('"recommencer" restarts in French', async () => {
    const { conversation } = await inTree('2fa-recovery', 'fr');
    await conversation.say('Non, je suis bloqué');
    const replies = await conversation.say('recommencer');
    expect(texts(replies)).toContain(t('fr', 'tree.restarted', { title: tree('2fa-recovery').title.fr }));
    expect(buttons(replies)).toEqual(labels('2fa-recovery', 'can-pass-second-factor', 'fr'));
  });

  it('"annulla" leaves the tree, and a later "sì" answers nothing in it', async () => {
    const { conversation } = await inTree('2fa-recovery');
    const replies = await conversation.say('annulla');
    expect(texts(replies)).toContain(t('it', 'tree.cancelled', { title: tree('2fa-recovery').title.it }));
    expect(buttons(replies)).toEqual([]);
    expect(texts(await conversation.say('sì'))).toContain(t('it', 'fallback.noQuestion'));
  });

  it('"cancel" leaves the tree from "did this solve it?" too', async () => {
    const { conversation } = await inTree('2fa-recovery', 'en');
    await conversation.say('Yes, I still can');
    expect(texts(await conversation.say('cancel'))).toContain(t('en', 'tree.cancelled', { title: tree('2fa-recovery').title.en }));
  });

  it('"aiuto" explains how the tree works and asks the same question again', async () => {
    const { conversation } = await inTree('leave-organization');
    await conversation.say('Non riesco a uscire');
    const replies = await conversation.say('aiuto');
    expect(texts(replies)).toContain(t('it', 'tree.help', { title: tree('leave-organization').title.it }));
    expect(texts(replies)).toContain(text('leave-organization', 'why-blocked'));
    expect(buttons(replies)).toEqual(labels('leave-organization', 'why-blocked'));
  });

  it('an answer it cannot read is asked again with the same buttons', async () => {
    const { conversation } = await inTree('mysql-connection');
    const replies = await conversation.say('qwerty zxcv');
    expect(texts(replies)).toContain(t('it', 'tree.notUnderstood'));
    expect(buttons(replies)).toEqual(labels('mysql-connection', 'prefix-state'));
  });
});

describe('another question in the middle of a tree', () => {
  it('is offered as a switch instead of being forced into the choices', async () => {
    const { conversation } = await inTree('2fa-recovery');
    const replies = await conversation.say("come cambio l'indirizzo email di recupero?");
    const topic = app.services.kb.get('recovery-email')!.text.it.title;
    expect(texts(replies)).toContain(t('it', 'tree.switch', { title: tree('2fa-recovery').title.it, topic }));
    expect(buttons(replies)).toEqual([t('it', 'tree.switchYes'), t('it', 'tree.switchNo')]);
  });

  it('shows the other entry when the switch is accepted', async () => {
    const { conversation } = await inTree('2fa-recovery');
    const offer = await conversation.say("come cambio l'indirizzo email di recupero?");
    const replies = await conversation.clickButton(offer, t('it', 'tree.switchYes'));
    expect(texts(replies)).toContain(app.services.kb.get('recovery-email')!.text.it.title);
    // The tree is over: its buttons no longer answer it.
    expect(texts(await conversation.click('Sì, riesco ancora', { action: 'choice', tree: '2fa-recovery', node: 'can-pass-second-factor', next: 'remove-in-manager' }))).toContain(
      t('it', 'tree.expired', { title: tree('2fa-recovery').title.it }),
    );
  });

  it('offers the other tree when the new topic has one, accepted by typing "sì"', async () => {
    const { conversation } = await inTree('invoice-reminder');
    await conversation.say('sì');
    await conversation.say('come faccio a uscire da un’organizzazione?');
    const replies = await conversation.say('sì');
    expect(buttons(replies)).toEqual([t('it', 'tree.start'), t('it', 'tree.article')]);
  });

  it('asks the same question again when the switch is declined', async () => {
    const { conversation } = await inTree('invoice-reminder');
    await conversation.say('Sì, è autentico');
    const offer = await conversation.say('dove trovo il mio codice supporto?');
    expect(buttons(offer)).toEqual([t('it', 'tree.switchYes'), t('it', 'tree.switchNo')]);
    const replies = await conversation.say('no');
    expect(texts(replies)).toContain(text('invoice-reminder', 'which-case'));
    expect(buttons(replies)).toEqual(labels('invoice-reminder', 'which-case'));
    expect(texts(await conversation.say('Ho già pagato'))).toContain(text('invoice-reminder', 'how-paid'));
  });

  it('returns to "did this solve it?" when a switch offered there is declined', async () => {
    const { conversation } = await inTree('2fa-recovery', 'en');
    await conversation.say('Yes, I still can');
    const offer = await conversation.say('how do I change my recovery email?');
    const replies = await conversation.clickButton(offer, t('en', 'tree.switchNo'));
    expect(texts(replies)).toContain(t('en', 'tree.didItHelp'));
    expect(buttons(replies)).toEqual([t('en', 'tree.yesSolved'), t('en', 'tree.notSolved')]);
  });

  it('says it is already on it when the question is the tree’s own topic', async () => {
    const { conversation } = await inTree('2fa-recovery');
    const replies = await conversation.say('come disattivo la 2FA?');
    expect(texts(replies)).toContain(t('it', 'tree.alreadyHere'));
    expect(buttons(replies)).toEqual(labels('2fa-recovery', 'can-pass-second-factor'));
  });

  it('follows a topic button of an earlier reply out of the tree', async () => {
    const { conversation } = await inTree('mysql-connection');
    const support = app.services.kb.get('support-code')!;
    const replies = await conversation.click(support.text.it.title, { action: 'entry', entry: 'support-code' });
    expect(texts(replies)).toContain(support.text.it.title);
  });
});

describe('buttons of earlier questions', () => {
  it('a click on an earlier question’s button is refused and the current question asked', async () => {
    const { conversation, replies: first } = await inTree('invoice-reminder');
    await conversation.clickButton(first, 'Sì, è autentico');
    const replies = await conversation.clickButton(first, 'Sembra phishing');
    expect(texts(replies)).toContain(t('it', 'tree.staleChoice'));
    expect(buttons(replies)).toEqual(labels('invoice-reminder', 'which-case'));
  });

  it('a click on a question’s button while "did this solve it?" waits is refused', async () => {
    const { conversation, replies: first } = await inTree('2fa-recovery');
    await conversation.clickButton(first, 'Sì, riesco ancora');
    const replies = await conversation.clickButton(first, 'No, sono bloccato');
    expect(texts(replies)).toContain(t('it', 'tree.staleChoice'));
    expect(texts(replies)).toContain(t('it', 'tree.didItHelp'));
  });

  it('a button of a finished tree offers to run it again', async () => {
    const { conversation, replies: first } = await inTree('2fa-recovery');
    const end = await conversation.clickButton(first, 'Sì, riesco ancora');
    await conversation.clickButton(end, t('it', 'tree.yesSolved'));
    const replies = await conversation.clickButton(first, 'No, sono bloccato');
    expect(texts(replies)).toContain(t('it', 'tree.expired', { title: tree('2fa-recovery').title.it }));
    expect(payloads(replies)).toEqual([{ action: 'tree', tree: '2fa-recovery' }]);
    expect(texts(await conversation.clickButton(replies, t('it', 'tree.start')))).toContain(text('2fa-recovery', 'can-pass-second-factor'));
  });
});

describe('did this solve it?', () => {
  it('"yes" closes the tree with a glad word', async () => {
    const { conversation } = await inTree('mysql-connection', 'fr');
    await conversation.say('Non, elle est désactivée');
    const replies = await conversation.say('oui');
    expect(texts(replies)).toContain(t('fr', 'tree.solved'));
    expect(conversation.lastActivities.some((a) => a.type === 'event')).toBe(false);
    expect(texts(await conversation.say('oui'))).toContain(t('fr', 'fallback.noQuestion'));
  });

  it('"no" hands over to a person: the handoff text and a handoff event', async () => {
    const { conversation } = await inTree('leave-organization');
    await conversation.say('Passare a un’altra');
    const replies = await conversation.say('no');
    expect(texts(replies)).toContain(t('it', 'handoff.notSolved'));
    expect(texts(replies)).toContain(t('it', 'handoff.how'));
    const event = conversation.lastActivities.find((a) => a.type === 'event');
    expect(event?.name).toBe('handoff.initiate');
    expect(event?.value).toEqual({ tree: 'leave-organization', node: 'switch-organization', language: 'it' });
  });
});

describe('a tree in conversation state', () => {
  it('carries on after a restart of the bot that kept its storage', async () => {
    const storage = new MemoryStorage();
    const before = await createTestBot({ storage });
    const { conversation } = await inTree('2fa-recovery', 'it', new Conversation(before, 'it-IT', 'restart-conversation'));
    expect(texts(await conversation.say('No, sono bloccato'))).toContain(text('2fa-recovery', 'has-emergency-codes'));

    const after = await createTestBot({ storage });
    const resumed = new Conversation(after, 'it-IT', 'restart-conversation');
    const replies = await resumed.say('Sì, li ho');
    expect(texts(replies)).toContain(text('2fa-recovery', 'use-emergency-code'));
    expect(texts(await resumed.say('indietro'))).toContain(text('2fa-recovery', 'has-emergency-codes'));
  });

  it('is not shared with another conversation', async () => {
    const { conversation } = await inTree('2fa-recovery');
    await conversation.say('No, sono bloccato');
    const other = new Conversation(app);
    expect(texts(await other.say('Sì, li ho'))).not.toContain(text('2fa-recovery', 'use-emergency-code'));
    expect(texts(await conversation.say('Sì, li ho'))).toContain(text('2fa-recovery', 'use-emergency-code'));
  });
});
