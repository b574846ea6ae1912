import type { TurnContext } from '../sdk/turn.js';

/**
 * What the conversation went through, noted as it happens so a hand-off can tell the case
 * without the customer retelling it. Kept in conversation state (the bot loads it each turn);
 * what is noted was masked by the first middleware before anything saw it.
 */
export interface CaseNotes {
  firstQuestion?: string;
  /** Ids of the entries shown, in order, each once (absent until one is: no defaults are stored). */
  entries?: string[];
  /**
   * The guided checks walked, in order: each choice taken (the question node and where the
   * choice led), and where a check ended with whether that solved it.
   */
  walk?: TreeEvent[];
  supportCode?: string;
}

export type TreeEvent = { tree: string; node: string; next: string } | { tree: string; node: string; solved: boolean };

// Every conversation stores its notes: empty ones store nothing but `{}`.
export const emptyNotes = (): CaseNotes => ({});

const NOTES = Symbol('sportello.caseNotes');

/** Called by the bot once a turn, with the notes it loaded from conversation state. */
export function setCaseNotes(context: TurnContext, notes: CaseNotes): void {
  context.turnState.set(NOTES, notes);
}

/** The notes of this turn's conversation; a throwaway set where the bot loaded none (tests of one dialog). */
export function caseNotes(context: TurnContext): CaseNotes {
  let notes = context.turnState.get(NOTES) as CaseNotes | undefined;
  if (!notes) {
    notes = emptyNotes();
    setCaseNotes(context, notes);
  }
  return notes;
}

export function noteEntry(context: TurnContext, entry: string): void {
  const entries = (caseNotes(context).entries ??= []);
  if (!entries.includes(entry)) entries.push(entry);
}

export function noteTreeEvent(context: TurnContext, event: TreeEvent): void {
  (caseNotes(context).walk ??= []).push(event);
}

/** Starts afresh after a hand-off, so the next case tells only what came after. */
export function clearNotes(notes: CaseNotes): void {
  Object.assign(notes, { entries: undefined, walk: undefined, firstQuestion: undefined, supportCode: undefined });
}
