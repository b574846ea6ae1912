import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message bodies stay out of info-level lines: what customers type is
 * theirs, and it may hold a password they should not have pasted.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'sportello' } }, destination ?? process.stdout);
}
