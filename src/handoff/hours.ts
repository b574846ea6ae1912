/**
 * Support hours, as HANDOFF_HOURS writes them: `Mon-Fri 08:00-18:00 Europe/Zurich`, or several
 * ranges with commas (`Mon-Fri 08:00-12:00, Mon-Fri 13:00-17:00, Sat 09:00-12:00 Europe/Zurich`).
 * The time zone is an IANA name, read with Intl (so summer time is right). Empty: always open.
 */
export interface SupportHours {
  timeZone: string;
  ranges: Array<{ days: Set<number>; from: number; to: number }>;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const RANGE = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/i;

/** Parses HANDOFF_HOURS; throws with what is wrong and how it should look. */
export function parseHours(text: string): SupportHours {
  const trimmed = text.trim();
  const lastSpace = trimmed.lastIndexOf(' ');
  const timeZone = trimmed.slice(lastSpace + 1);
  const example = 'e.g. "Mon-Fri 08:00-18:00 Europe/Zurich"';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`"${text}": "${timeZone}" is not a time zone (${example})`);
  }
  const ranges = trimmed
    .slice(0, Math.max(0, lastSpace))
    .split(',')
    .map((part) => {
      const match = RANGE.exec(part.trim());
      if (!match) throw new Error(`"${text}": cannot read "${part.trim()}" (${example})`);
      const [, first, last, fromH, fromM, toH, toM] = match;
      const start = DAYS.indexOf(first!.toLowerCase());
      const end = DAYS.indexOf((last ?? first)!.toLowerCase());
      if (start < 0 || end < 0) throw new Error(`"${text}": days are Mon, Tue, Wed, Thu, Fri, Sat, Sun (${example})`);
      const days = new Set<number>();
      for (let d = start; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === end) break;
      }
      const from = Number(fromH) * 60 + Number(fromM);
      const to = Number(toH) * 60 + Number(toM);
      if (from >= to || to > 24 * 60) throw new Error(`"${text}": "${part.trim()}" must end after it starts (${example})`);
      return { days, from, to };
    });
  if (ranges.length === 0) throw new Error(`"${text}": no day and hours given (${example})`);
  return { timeZone, ranges };
}

/** True when `at` falls in one of the ranges, in the hours' own time zone. */
export function isOpen(hours: SupportHours | undefined, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS.indexOf(part('weekday').toLowerCase());
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  return hours.ranges.some((r) => r.days.has(day) && minute >= r.from && minute < r.to);
}
