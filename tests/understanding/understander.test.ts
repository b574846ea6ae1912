import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstander, type Understander } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

let understander: Understander;
beforeAll(async () => {
  const content = await projectContent();
  understander = createUnderstander(content.kb, content.locales.input);
});
const understand = (text: string, hint?: 'it' | 'en' | 'fr' | 'de') => understander.understand(text, { hint, fallback: 'it' });

describe('understanding a question', () => {
  it.each([
    ['it', 'mi hanno mandato un sollecito ma la fattura risulta pagata', 'payment-reminder'],
    ['en', 'how can I leave an organization I was invited to?', 'organization'],
    ['fr', 'comment changer mon adresse e-mail de récupération ?', 'recovery-email'],
    ['de', 'Wie schalte ich die Zwei-Faktor-Authentifizierung aus?', '2fa-disable'],
  ] as const)('answers a %s question with its entry', (language, text, intent) => {
    const u = understand(text, language);
    expect(u).toMatchObject({ intent, decision: 'answer', language });
  });

  it('still finds the entry through typos', () => {
    expect(understand('come disattivo l autenticazone a due fatori', 'it')).toMatchObject({ intent: '2fa-disable', decision: 'answer' });
    expect(understand('where is my suport coede', 'en').intent).toBe('support-code');
  });

  it('declines everyday requests and other hosting topics', () => {
    for (const text of ['ordina una pizza margherita', 'what is the weather like in Geneva tomorrow', 'comment configurer un enregistrement DNS MX ?']) {
      expect(understand(text)).toMatchObject({ intent: 'none', decision: 'none' });
    }
  });

  it('asks which entry is meant when a word fits several', () => {
    const u = understand('disattivare', 'it');
    expect(u.decision).toBe('clarify');
    expect(u.offered.length).toBeGreaterThanOrEqual(2);
    expect(u.offered).toContain('2fa-disable');
  });

  it('reports commands and small talk as none, naming the command', () => {
    expect(understand('grazie mille')).toMatchObject({ intent: 'none', decision: 'none', command: 'thanks' });
    expect(understand('help')).toMatchObject({ intent: 'none', command: 'help' });
  });

  it('lets the text decide the language when the channel says otherwise', () => {
    expect(understand('Ich möchte den Newsletter abbestellen', 'it')).toMatchObject({ language: 'de', intent: 'newsletter' });
  });

  it('keeps the conversation language for a short reply that could be any', () => {
    expect(understander.understand('ok', { previous: 'fr', hint: 'en', fallback: 'it' }).language).toBe('fr');
  });

  it('ranks candidates with scores between 0 and 1, best first', () => {
    const { candidates } = understand('rinnovo automatico renewal warranty', 'it');
    expect(candidates[0]!.intent).toBe('renewal-warranty');
    for (let i = 1; i < candidates.length; i++) expect(candidates[i - 1]!.score).toBeGreaterThanOrEqual(candidates[i]!.score);
    for (const c of candidates) expect(c.score).toBeGreaterThanOrEqual(0), expect(c.score).toBeLessThanOrEqual(1);
  });
});
