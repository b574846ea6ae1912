import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocaleFiles } from '../../src/i18n/locale-files.js';
import { matchTypedChoice, type CommandReader, type TypeableChoice } from '../../src/dialogs/typed-choice.js';
import { createCommandRecognizer } from '../../src/understanding/commands.js';

let readCommand: CommandReader;
beforeAll(async () => {
  readCommand = createCommandRecognizer((await loadLocaleFiles('locales')).input).recognise;
});

const yesNoUnsure: TypeableChoice[] = [
  {
    label: { it: 'Sì, li ho', en: 'Yes, I have them', fr: 'Oui, je les ai', de: 'Ja, habe ich' },
    means: 'yes',
    says: { it: ['ho il file dei codici'], en: ['I saved them'], fr: ["j'ai le fichier"], de: ['ich habe die Datei'] },
  },
  { label: { it: 'No, non li ho', en: "No, I don't", fr: 'Non, je ne les ai pas', de: 'Nein, habe ich nicht' }, means: 'no' },
  { label: { it: 'Non ricordo', en: "I don't remember", fr: 'Je ne sais plus', de: 'Weiß ich nicht mehr' }, means: 'unsure' },
];

const cases: TypeableChoice[] = [
  { label: { it: 'Pago con ordine permanente', en: 'I pay by standing order', fr: 'Je paie par ordre permanent', de: 'Ich zahle per Dauerauftrag' } },
  { label: { it: 'Ho già pagato', en: "I've already paid", fr: "J'ai déjà payé", de: 'Ich habe schon bezahlt' } },
  { label: { it: 'Cambiare metodo di pagamento', en: 'Change how I pay', fr: 'Changer de mode de paiement', de: 'Zahlungsart ändern' } },
];

/** A question with no yes / no choice, where "non" could otherwise pass for "Non riesco a uscire". */
const blocked: TypeableChoice[] = [
  ...cases,
  { label: { it: 'Non riesco a uscire', en: "I can't leave", fr: "Je n'arrive pas à la quitter", de: 'Ich kann nicht austreten' } },
];

const match = (choices: TypeableChoice[], text: string, language: 'it' | 'en' | 'fr' | 'de' = 'it') => matchTypedChoice(choices, text, language, readCommand);

describe('reading a typed answer as one of the offered choices', () => {
  it('takes a number as the choice in that position', () => {
    expect(match(cases, '1')).toBe(0);
    expect(match(cases, ' 3 ')).toBe(2);
  });

  it('ignores a number that no choice has', () => {
    expect(match(cases, '0')).toBeUndefined();
    expect(match(cases, '4')).toBeUndefined();
  });

  it.each([
    ['it', 'Pago con ordine permanente', 0],
    ['en', "I've already paid", 1],
    ['fr', 'changer de mode de paiement', 2],
    ['de', 'ICH HABE SCHON BEZAHLT!', 1],
  ] as const)('finds the %s label typed back, whatever the case and punctuation', (language, text, index) => {
    expect(match(cases, text, language)).toBe(index);
  });

  it('finds a label typed in another language than the conversation', () => {
    expect(match(cases, 'Zahlungsart ändern', 'it')).toBe(2);
  });

  it('finds a label typed without its apostrophes', () => {
    expect(match(cases, 'Ive already paid', 'en')).toBe(1);
    expect(match(cases, 'jai deja paye', 'fr')).toBe(1);
    expect(match(yesNoUnsure, 'i dont remember', 'en')).toBe(2);
  });

  it('finds a label without its accents', () => {
    expect(match(cases, 'ho gia pagato')).toBe(1);
  });

  it.each([
    ['pago con ordine permanete', 0],
    ['ho gia pagatto', 1],
    ['chambiare metodo di pagameto', 2],
    ['I pay by standin order', 0],
  ])('forgives a typo: "%s"', (text, index) => {
    expect(match(cases, text)).toBe(index);
  });

  it('finds a choice by one of its other phrases', () => {
    expect(match(yesNoUnsure, 'ho il file dei codici')).toBe(0);
    expect(match(yesNoUnsure, 'I saved them', 'en')).toBe(0);
  });

  it.each([
    ['it', 'si'],
    ['it', 'sì'],
    ['it', 'certo'],
    ['en', 'yes'],
    ['en', 'yeah'],
    ['fr', 'oui'],
    ['fr', 'ouais'],
    ['de', 'ja'],
    ['de', 'genau'],
  ] as const)('reads the %s word "%s" as the choice that means yes', (language, text) => {
    expect(match(yesNoUnsure, text, language)).toBe(0);
  });

  it.each([
    ['it', 'no'],
    ['en', 'nope'],
    ['fr', 'non'],
    ['de', 'nein'],
    ['de', 'nö'],
  ] as const)('reads the %s word "%s" as the choice that means no', (language, text) => {
    expect(match(yesNoUnsure, text, language)).toBe(1);
  });

  it.each([
    ['it', 'non lo so'],
    ['it', 'boh'],
    ['en', "I don't know"],
    ['en', 'dunno'],
    ['fr', 'je sais pas'],
    ['de', 'keine Ahnung'],
  ] as const)('reads the %s words "%s" as the choice that means not sure', (language, text) => {
    expect(match(yesNoUnsure, text, language)).toBe(2);
  });

  it.each([
    ['it', 'sii', 0],
    ['it', 'certoo', 0],
    ['en', 'yess', 0],
    ['fr', 'ouii', 0],
    ['de', 'jaa', 0],
    ['de', 'neinn', 1],
    ['it', 'non lo soo', 2],
    ['it', 'estto', 0],
  ] as const)('reads the %s answer "%s", typo and all, as its meaning', (language, text, index) => {
    expect(match(yesNoUnsure, text, language)).toBe(index);
  });

  it('does not pick a choice at random for a yes when no choice means yes', () => {
    expect(match(cases, 'sì')).toBeUndefined();
    expect(match(cases, 'oui', 'fr')).toBeUndefined();
    expect(match(cases, 'non lo so')).toBeUndefined();
    expect(match(blocked, 'no')).toBeUndefined();
    expect(match(blocked, 'ja', 'de')).toBeUndefined();
  });

  it('does not read a new question as one of the choices', () => {
    expect(match(cases, 'come cambio la mail di recupero?')).toBeUndefined();
    expect(match(yesNoUnsure, 'how do I find my support code?', 'en')).toBeUndefined();
    expect(match(yesNoUnsure, 'wie kann ich die Organisation verlassen?', 'de')).toBeUndefined();
  });

  it.each(['indietro', 'annulla', 'aiuto', 'ricomincia', 'back', 'cancel', 'zurück', 'recommencer'])('leaves the command "%s" to the conversation', (text) => {
    expect(match(yesNoUnsure, text)).toBeUndefined();
    expect(match(cases, text)).toBeUndefined();
  });

  it('reads nothing in an empty or punctuation-only message', () => {
    expect(match(cases, '')).toBeUndefined();
    expect(match(cases, '?!')).toBeUndefined();
  });
});

describe('a short word typed while long labels are on screen', () => {
  const topics: TypeableChoice[] = [
    { label: { it: 'Sollecito di pagamento ricevuto ma è tutto pagato', en: 'Payment reminder received but everything is paid', fr: 'Relance de paiement reçue alors que tout est payé', de: 'Zahlungserinnerung erhalten, obwohl alles bezahlt ist' } },
    { label: { it: "Disattivare l'autenticazione a due fattori", en: 'Turn off two-factor authentication', fr: "Désactiver l'authentification à deux facteurs", de: 'Zwei-Faktor-Authentifizierung deaktivieren' } },
    { label: { it: 'Codice supporto, codice VIP e accesso per il supporto', en: 'Support code, VIP code and access for support', fr: 'Code support, code VIP et accès pour le support', de: 'Support-Code, VIP-Code und Zugang für den Support' } },
  ];

  it.each([
    ['en', 'exit'],
    ['en', 'is'],
    ['en', 'other'],
    ['fr', 'est'],
    ['de', 'und'],
    ['it', 'ok'],
  ] as const)('does not read the %s word "%s" as a topic whose title holds its letters', (language, text) => {
    expect(match(topics, text, language)).toBeUndefined();
  });

  it('still forgives a typo in a whole title', () => {
    expect(match(topics, 'turn of two factor autentication', 'en')).toBe(1);
  });
});

describe("a label's first words typed", () => {
  const offer: TypeableChoice[] = [
    { label: { it: 'Guidami passo passo', en: 'Guide me step by step', fr: 'Guidez-moi pas à pas', de: 'Schritt für Schritt führen' }, means: 'yes' },
    { label: { it: "Mostrami l'articolo", en: 'Show me the article', fr: "Montrez-moi l'article", de: 'Zeig mir den Artikel' }, means: 'no' },
  ];
  it('picks the one choice they start', () => {
    expect(match(offer, 'guidami')).toBe(0);
    expect(match(offer, 'guide me', 'en')).toBe(0);
    expect(match(offer, 'show me', 'en')).toBe(1);
  });

  it("reads them only in the conversation's language", () => {
    expect(match(offer, 'guidami', 'en')).toBeUndefined();
  });
});
