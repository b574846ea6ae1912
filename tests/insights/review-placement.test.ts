import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Language } from '../../src/content/languages.js';
import type { InsightEvent } from '../../src/insights/event.js';
import { openSqliteStore } from '../../src/insights/sqlite-store.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { asFirstMessage, defaultPlacementRule } from '../../src/review/place.js';
import { review } from '../../src/review/review.js';
import { createUnderstander } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

/**
 * The review on a knowledge base that is not the project's: a public library's five topics,
 * written in French and German only. Nothing in the review may know the project's ten entries.
 */
const LIBRARY: Record<string, Partial<Record<Language, { title: string; questions: string[] }>>> = {
  'loan-renewal': {
    fr: { title: 'Prolonger un prêt', questions: ['comment prolonger mon prêt de livres', 'je voudrais garder le livre plus longtemps', 'prolongation du prêt en ligne', 'peut-on renouveler un emprunt deux fois', 'rallonger la durée de mon emprunt', 'mon prêt arrive à échéance, je peux le prolonger ?'] },
    de: { title: 'Ausleihe verlängern', questions: ['wie verlängere ich meine Ausleihe', 'ich möchte das Buch länger behalten', 'Leihfrist online verlängern', 'kann man eine Ausleihe zweimal verlängern', 'die Leihfrist meiner Medien verlängern', 'meine Leihfrist läuft ab, kann ich verlängern?'] },
  },
  'lost-card': {
    fr: { title: 'Carte de lecteur perdue', questions: ["j'ai perdu ma carte de lecteur", 'ma carte de bibliothèque a été volée', 'remplacer une carte de lecteur perdue', 'bloquer ma carte de bibliothèque', 'combien coûte une nouvelle carte de lecteur', 'carte de lecteur introuvable, que faire'] },
    de: { title: 'Leserausweis verloren', questions: ['ich habe meinen Leserausweis verloren', 'mein Bibliotheksausweis wurde gestohlen', 'verlorenen Leserausweis ersetzen', 'Bibliotheksausweis sperren lassen', 'was kostet ein neuer Leserausweis', 'Leserausweis weg, was tun'] },
  },
  'opening-hours': {
    fr: { title: "Horaires d'ouverture", questions: ["quels sont les horaires d'ouverture", 'la bibliothèque est-elle ouverte le dimanche', 'à quelle heure ferme la médiathèque', "horaires d'été de la bibliothèque", 'ouvert pendant les jours fériés ?', 'jusqu’à quelle heure peut-on venir le samedi'] },
    de: { title: 'Öffnungszeiten', questions: ['wann hat die Bibliothek geöffnet', 'ist die Bücherei sonntags offen', 'um wie viel Uhr schließt die Bibliothek', 'Öffnungszeiten im Sommer', 'geöffnet an Feiertagen?', 'bis wann kann man samstags kommen'] },
  },
  'room-booking': {
    fr: { title: 'Réserver une salle de travail', questions: ['réserver une salle de travail en groupe', 'comment louer une salle de réunion à la bibliothèque', 'salle pour étudier à plusieurs', 'annuler ma réservation de salle', 'combien de temps peut-on garder une salle de travail', 'réservation de salle pour un atelier'] },
    de: { title: 'Gruppenraum buchen', questions: ['einen Gruppenraum buchen', 'wie reserviere ich einen Besprechungsraum in der Bibliothek', 'Raum zum Lernen für mehrere Personen', 'meine Raumbuchung stornieren', 'wie lange darf man einen Gruppenraum nutzen', 'Raum für einen Workshop reservieren'] },
  },
  'late-fees': {
    fr: { title: 'Frais de retard', questions: ['combien coûtent les frais de retard', "j'ai rendu un livre en retard, je dois payer ?", 'payer une amende de retard', 'pénalité pour un DVD rendu en retard', 'contester des frais de retard', 'où payer mes amendes de la bibliothèque'] },
    de: { title: 'Mahngebühren', questions: ['wie hoch sind die Mahngebühren', 'ich habe ein Buch zu spät zurückgegeben, muss ich zahlen?', 'Säumnisgebühr bezahlen', 'Gebühr für eine verspätet zurückgegebene DVD', 'Mahngebühren anfechten', 'wo bezahle ich meine Bibliotheksgebühren'] },
  },
};
const OUT_OF_SCOPE = {
  fr: ['quel temps fera-t-il demain', 'qui a gagné le match hier soir', 'recette de la tarte aux pommes', 'réserver un billet de train pour Paris', 'quel est le prix de l’essence', 'raconte-moi une blague'],
  de: ['wie wird das Wetter morgen', 'wer hat gestern das Spiel gewonnen', 'Rezept für Apfelkuchen', 'Zugticket nach Berlin buchen', 'was kostet Benzin gerade', 'erzähl mir einen Witz'],
};

/** The library as knowledge/*.yaml files, in a folder of a repository of its own. */
function writeLibrary(root: string): string {
  const dir = path.join(root, 'knowledge');
  mkdirSync(dir, { recursive: true });
  for (const [id, sides] of Object.entries(LIBRARY)) {
    const body: Record<string, unknown> = { version: 1, id };
    for (const [language, side] of Object.entries(sides)) body[language] = { ...side, keywords: [], answer: { summary: `${side.title}: …` } };
    writeFileSync(path.join(dir, `${id}.yaml`), stringify(body));
  }
  writeFileSync(path.join(dir, '_out-of-scope.yaml'), stringify({ version: 1, ...OUT_OF_SCOPE }));
  return dir;
}

const NOW = Date.UTC(2026, 11, 2, 12);
const declined = (conversation: string, language: Language, text: string): InsightEvent => ({ at: NOW - 3600_000, conversation, channel: 'directline', language, type: 'turn', decision: 'none', text });

describe('npm run review on a small base in two languages that is not the project', () => {
  let root: string;
  let knowledgeDir: string;
  let kb: KnowledgeBase;

  let commands: Awaited<ReturnType<typeof projectContent>>['locales']['input'];
  const train = (base: KnowledgeBase) => createUnderstander(base, commands);

  beforeAll(async () => {
    commands = (await projectContent()).locales.input;
    root = mkdtempSync(path.join(tmpdir(), 'sportello-review-library-'));
    knowledgeDir = writeLibrary(root);
    kb = await loadKnowledge(knowledgeDir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('adds a question clearly about one entry to it, and leaves one that fits none to a draft', async () => {
    const store = openSqliteStore(':memory:');
    const inScope = [
      { language: 'de' as const, text: 'kann ich die Leihfrist für meine Bücher noch einmal verlängern lassen?', entry: 'loan-renewal' },
      { language: 'fr' as const, text: 'ma carte de lecteur a disparu, comment la remplacer ?', entry: 'lost-card' },
    ];
    await store.insert([...inScope.map((q, i) => declined(`c${i}`, q.language, q.text)), declined('c8', 'fr', 'quelle est la capitale du Canada ?'), declined('c9', 'de', 'wie spät ist es gerade in Tokio?')]);
    const result = await review({ store, kb, train, knowledgeDir, root, days: 1, rule: defaultPlacementRule, masks: [], now: NOW });
    await store.close();

    for (const q of inScope) expect(result.groups.entries.get(q.entry)?.map((x) => x.text)).toContain(q.text);
    expect(result.groups.clusters.flat().map((q) => q.text).sort()).toEqual(['quelle est la capitale du Canada ?', 'wie spät ist es gerade in Tokio?']);

    // The patch applies to the library's own repository, and then its questions are answered.
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeFileSync(path.join(root, 'review.patch'), result.patch);
    execFileSync('git', ['apply', 'review.patch'], { cwd: root });
    const patched = train(await loadKnowledge(knowledgeDir));
    for (const q of inScope) {
      const understanding = patched.understand(q.text, asFirstMessage(q.language));
      expect({ text: q.text, decision: understanding.decision, intent: understanding.intent }).toEqual({ text: q.text, decision: 'answer', intent: q.entry });
    }
  });

  it('lists a 👎 question that still belongs to the entry that got it as an answer to improve, not as an example elsewhere', async () => {
    const store = openSqliteStore(':memory:');
    const text = 'quels sont vos horaires le dimanche matin ?';
    await store.insert([
      { at: NOW - 60_000, conversation: 'c1', channel: 'directline', language: 'fr', type: 'turn', decision: 'answer', entry: 'opening-hours' },
      { at: NOW - 30_000, conversation: 'c1', channel: 'directline', language: 'fr', type: 'feedback', feedback: 'helpful', value: 0, entry: 'opening-hours', text },
    ]);
    const result = await review({ store, kb, train, knowledgeDir, root, days: 1, rule: defaultPlacementRule, masks: [], now: NOW });
    await store.close();
    expect(result.groups.answersToImprove.map((q) => [q.entry, q.text])).toEqual([['opening-hours', text]]);
    expect(result.groups.entries.size).toBe(0);
  });
});

