import { describe, expect, it } from 'vitest';
import { isOpen, parseHours } from '../../src/handoff/hours.js';
import { queuePlace } from '../../src/handoff/queue.js';
import { createHandoffReader } from '../../src/handoff/vocabulary.js';
import { projectContent } from '../support/content.js';

describe('support hours', () => {
  const hours = parseHours('Mon-Fri 08:00-18:00 Europe/Zurich');
  it('are open on a weekday afternoon in Zurich, summer time included', () => {
    // Wednesday 2026-07-15 15:30 in Zurich is 13:30 UTC (CEST, UTC+2).
    expect(isOpen(hours, new Date('2026-07-15T13:30:00Z'))).toBe(true);
    // 17:30 UTC is 19:30 in Zurich.
    expect(isOpen(hours, new Date('2026-07-15T17:30:00Z'))).toBe(false);
  });
  it('are closed at the weekend and before opening', () => {
    expect(isOpen(hours, new Date('2026-07-18T10:00:00Z'))).toBe(false);
    // Monday 07:30 in Zurich in winter (CET, UTC+1) is 06:30 UTC.
    expect(isOpen(hours, new Date('2026-01-12T06:30:00Z'))).toBe(false);
    expect(isOpen(hours, new Date('2026-01-12T07:30:00Z'))).toBe(true);
  });
  it('read several ranges and a range across the week end', () => {
    const split = parseHours('Mon-Fri 08:00-12:00, Fri-Mon 13:00-17:00 UTC');
    expect(isOpen(split, new Date('2026-07-19T14:00:00Z'))).toBe(true); // Sunday
    expect(isOpen(split, new Date('2026-07-15T14:00:00Z'))).toBe(false); // Wednesday afternoon
  });
  it('are always open when not set', () => {
    expect(isOpen(undefined, new Date())).toBe(true);
  });
  it.each(['Mon-Fri 08:00-18:00 Mars/Olympus', 'Weekdays 08:00-18:00 UTC', 'Mon 18:00-08:00 UTC', 'Europe/Zurich'])('refuse "%s" with an example of the format', (text) => {
    expect(() => parseHours(text)).toThrow(/Mon-Fri 08:00-18:00 Europe\/Zurich/);
  });
});

describe('the queue', () => {
  it('gives the place and a wait from the median of recent waits', () => {
    expect(queuePlace(['a', 'b', 'c'], 'c', [60, 120, 6000])).toEqual({ position: 3, minutes: 6 });
  });
  it('promises a couple of minutes a place before any case was taken', () => {
    expect(queuePlace(['a'], 'a', [])).toEqual({ position: 1, minutes: 2 });
  });
  it('has no place for a case not in it', () => {
    expect(queuePlace(['a'], 'z', [])).toBeUndefined();
  });
});

describe('reading hand-off words', async () => {
  const reader = createHandoffReader((await projectContent()).handoff);
  it.each([
    ['my support code is 48213', '48213'],
    ['il mio codice supporto: AB12CD', 'AB12CD'],
    ['mon code support est le 77-1234', '77-1234'],
    ['Mein Support-Code lautet 99887', '99887'],
  ])('notes the support code in "%s"', (text, code) => {
    expect(reader.supportCode(text)).toBe(code);
  });
  it('notes no code where there is none', () => {
    expect(reader.supportCode('where do I find my support code?')).toBeUndefined();
  });
  it.each([
    ['use this channel for hand-offs', 'useChannel'],
    ['Utilise ce canal pour les transferts', 'useChannel'],
    ['tickets', 'tickets'],
    ['/close', 'close'],
    ['/schliessen', 'close'],
  ])('reads the agent command "%s"', (text, command) => {
    expect(reader.agentCommand(text)).toBe(command);
  });
});
