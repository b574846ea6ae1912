import type { Language } from '../src/content/languages.js';

/**
 * The words a synthetic knowledge base is built from: each entry is one thing × one
 * qualifier ("backup" × "shared"), asked about with action verbs in sentence templates.
 * 40 things × 25 qualifiers = 1,000 distinct entries. Grammar is approximate on purpose:
 * the point is a knowledge base of realistic size and overlap, not prose.
 */
export interface WordList {
  things: string[];
  qualifiers: string[];
  verbs: string[];
  /** Training questions; `{verb}`, `{thing}` and `{qualifier}` are filled in per entry. */
  questions: string[];
  /** Phrasings kept out of training: the synthetic held-out messages. */
  heldOut: string[];
}

export const wordLists: Record<Language, WordList> = {
  it: {
    things: ['fattura', 'dominio', 'casella', 'certificato', 'backup', 'database', 'sito', 'server', 'password', 'account', 'pagamento', 'abbonamento', 'cartella', 'calendario', 'contatto', 'indirizzo', 'firewall', 'modulo', 'plugin', 'tema', 'utente', 'gruppo', 'progetto', 'rapporto', 'archivio', 'licenza', 'chiave', 'token', 'sessione', 'notifica', 'filtro', 'regola', 'quota', 'disco', 'rete', 'porta', 'agenda', 'foto', 'video', 'documento'],
    qualifiers: ['aziendale', 'condiviso', 'principale', 'secondario', 'temporaneo', 'annuale', 'mensile', 'privato', 'pubblico', 'locale', 'remoto', 'cifrato', 'automatico', 'manuale', 'scaduto', 'bloccato', 'duplicato', 'vecchio', 'nuovo', 'esterno', 'interno', 'predefinito', 'personale', 'collettivo', 'archiviato'],
    verbs: ['modificare', 'eliminare', 'creare', 'trovare', 'ripristinare', 'spostare', 'condividere', 'bloccare', 'attivare', 'disattivare', 'rinnovare', 'esportare'],
    questions: [
      'come posso {verb} il {thing} {qualifier}?',
      '{thing} {qualifier}',
      'vorrei {verb} il {thing} {qualifier}',
      'dove trovo il {thing} {qualifier}',
      'problema con il {thing} {qualifier}',
      'non riesco a {verb} il {thing} {qualifier}',
      'aiuto con {thing} {qualifier}',
      'è possibile {verb} il {thing} {qualifier}?',
      'devo {verb} il mio {thing} {qualifier}',
      '{verb} {thing} {qualifier}',
      'il {thing} {qualifier} non funziona',
      'dove si gestisce il {thing} {qualifier}',
      'chi può {verb} il {thing} {qualifier}?',
      'quanto costa {verb} il {thing} {qualifier}',
      'errore sul {thing} {qualifier}',
    ],
    heldOut: ['ciao, mi spieghi come {verb} il {thing} {qualifier}?', 'ho bisogno di {verb} subito il {thing} {qualifier}'],
  },
  en: {
    things: ['invoice', 'domain', 'mailbox', 'certificate', 'backup', 'database', 'website', 'server', 'password', 'account', 'payment', 'subscription', 'folder', 'calendar', 'contact', 'address', 'firewall', 'form', 'plugin', 'theme', 'user', 'group', 'project', 'report', 'archive', 'licence', 'key', 'token', 'session', 'notification', 'filter', 'rule', 'quota', 'disk', 'network', 'port', 'schedule', 'photo', 'video', 'document'],
    qualifiers: ['business', 'shared', 'main', 'secondary', 'temporary', 'yearly', 'monthly', 'private', 'public', 'local', 'remote', 'encrypted', 'automatic', 'manual', 'expired', 'blocked', 'duplicate', 'old', 'new', 'external', 'internal', 'default', 'personal', 'team', 'archived'],
    verbs: ['change', 'delete', 'create', 'find', 'restore', 'move', 'share', 'block', 'enable', 'disable', 'renew', 'export'],
    questions: [
      'how can I {verb} the {qualifier} {thing}?',
      '{qualifier} {thing}',
      'I want to {verb} my {qualifier} {thing}',
      'where is the {qualifier} {thing}',
      'problem with the {qualifier} {thing}',
      "I can't {verb} the {qualifier} {thing}",
      'help with {qualifier} {thing}',
      'is it possible to {verb} a {qualifier} {thing}?',
      'I need to {verb} the {qualifier} {thing}',
      '{verb} {qualifier} {thing}',
    ],
    heldOut: ['hi, could you explain how to {verb} the {qualifier} {thing}?', 'I have to {verb} the {qualifier} {thing} today'],
  },
  fr: {
    things: ['facture', 'domaine', 'boîte', 'certificat', 'sauvegarde', 'base', 'site', 'serveur', 'mot de passe', 'compte', 'paiement', 'abonnement', 'dossier', 'calendrier', 'contact', 'adresse', 'pare-feu', 'formulaire', 'extension', 'thème', 'utilisateur', 'groupe', 'projet', 'rapport', 'archive', 'licence', 'clé', 'jeton', 'session', 'notification', 'filtre', 'règle', 'quota', 'disque', 'réseau', 'port', 'agenda', 'photo', 'vidéo', 'document'],
    qualifiers: ["d'entreprise", 'partagé', 'principal', 'secondaire', 'temporaire', 'annuel', 'mensuel', 'privé', 'public', 'local', 'distant', 'chiffré', 'automatique', 'manuel', 'expiré', 'bloqué', 'en double', 'ancien', 'nouveau', 'externe', 'interne', 'par défaut', 'personnel', "d'équipe", 'archivé'],
    verbs: ['modifier', 'supprimer', 'créer', 'trouver', 'restaurer', 'déplacer', 'partager', 'bloquer', 'activer', 'désactiver', 'renouveler', 'exporter'],
    questions: [
      'comment {verb} le {thing} {qualifier} ?',
      '{thing} {qualifier}',
      'je voudrais {verb} le {thing} {qualifier}',
      'où trouver le {thing} {qualifier}',
      'problème avec le {thing} {qualifier}',
      "je n'arrive pas à {verb} le {thing} {qualifier}",
      'aide pour {thing} {qualifier}',
      'est-il possible de {verb} le {thing} {qualifier} ?',
      'je dois {verb} mon {thing} {qualifier}',
      '{verb} {thing} {qualifier}',
    ],
    heldOut: ['bonjour, pouvez-vous expliquer comment {verb} le {thing} {qualifier} ?', "j'ai besoin de {verb} le {thing} {qualifier} aujourd'hui"],
  },
  de: {
    things: ['Rechnung', 'Domain', 'Postfach', 'Zertifikat', 'Backup', 'Datenbank', 'Website', 'Server', 'Passwort', 'Konto', 'Zahlung', 'Abonnement', 'Ordner', 'Kalender', 'Kontakt', 'Adresse', 'Firewall', 'Formular', 'Plugin', 'Theme', 'Benutzer', 'Gruppe', 'Projekt', 'Bericht', 'Archiv', 'Lizenz', 'Schlüssel', 'Token', 'Sitzung', 'Benachrichtigung', 'Filter', 'Regel', 'Kontingent', 'Festplatte', 'Netzwerk', 'Port', 'Terminplan', 'Foto', 'Video', 'Dokument'],
    qualifiers: ['geschäftliche', 'geteilte', 'primäre', 'sekundäre', 'temporäre', 'jährliche', 'monatliche', 'private', 'öffentliche', 'lokale', 'entfernte', 'verschlüsselte', 'automatische', 'manuelle', 'abgelaufene', 'gesperrte', 'doppelte', 'alte', 'neue', 'externe', 'interne', 'standardmäßige', 'persönliche', 'gemeinsame', 'archivierte'],
    verbs: ['ändern', 'löschen', 'erstellen', 'finden', 'wiederherstellen', 'verschieben', 'teilen', 'sperren', 'aktivieren', 'deaktivieren', 'verlängern', 'exportieren'],
    questions: [
      'wie kann ich die {qualifier} {thing} {verb}?',
      '{qualifier} {thing}',
      'ich möchte die {qualifier} {thing} {verb}',
      'wo finde ich die {qualifier} {thing}',
      'Problem mit der {qualifier} {thing}',
      'ich kann die {qualifier} {thing} nicht {verb}',
      'Hilfe bei {qualifier} {thing}',
      'ist es möglich, die {qualifier} {thing} zu {verb}?',
      'ich muss meine {qualifier} {thing} {verb}',
      '{qualifier} {thing} {verb}',
    ],
    heldOut: ['hallo, könnt ihr erklären, wie ich die {qualifier} {thing} {verb} kann?', 'ich muss heute die {qualifier} {thing} {verb}'],
  },
};
