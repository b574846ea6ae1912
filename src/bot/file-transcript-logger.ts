import { createHash } from 'node:crypto';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ActivityTypes, type Activity } from '../sdk/activity.js';
import { type TranscriptLogger } from '../sdk/turn.js';
import type { Logger } from '../logging.js';
import { SerialByKey } from '../util/serial-by-key.js';

const SUFFIX = '.transcript';
/** File names stay well under the 255 bytes file systems allow. */
const MAX_NAME = 200;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A conversation id as a file name, never the same for two ids. Teams and Direct Line ids hold
 * characters that file systems refuse (`:`, `|`, `;`): every character outside
 * [A-Za-z0-9._-] is percent-encoded, which is reversible, so two ids cannot collide. An id too
 * long for a file name keeps its start and adds `~` and the SHA-256 of the whole id (`~` itself
 * is always encoded, so only those names have one). Case-insensitive file systems (macOS,
 * Windows) could still fold `A` and `a`: keep TRANSCRIPTS_DIR on a case-sensitive one.
 */
export function transcriptFileName(conversationId: string): string {
  const encoded = encodeURIComponent(conversationId).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (encoded.length <= MAX_NAME) return `${encoded}${SUFFIX}`;
  const hash = createHash('sha256').update(conversationId).digest('hex');
  return `${encoded.slice(0, MAX_NAME - hash.length - 1)}~${hash}${SUFFIX}`;
}

export interface TranscriptOptions {
  /** Transcripts not written to for this many days are deleted (0 keeps them forever). */
  retentionDays: number;
}

/**
 * Saves every conversation as `<dir>/<conversation id>.transcript`: a JSON array of its
 * activities, the format the Bot Framework Emulator opens (File → Open Transcript). The
 * array is appended in place: each activity overwrites the closing `]` with `,<activity>]`,
 * so a write costs the activity, not the conversation, and the file is valid JSON after every
 * write. Used with botbuilder's TranscriptLoggerMiddleware, which does not wait for it:
 * writes run in the background, one at a time per conversation, and a failure is logged,
 * never thrown into a turn. Old transcripts are deleted after `retentionDays`.
 */
export class FileTranscriptLogger implements TranscriptLogger {
  private readonly writes = new SerialByKey();
  private readonly sweeper?: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly options: TranscriptOptions = { retentionDays: 30 },
  ) {
    if (options.retentionDays > 0) {
      void this.sweep();
      this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
      this.sweeper.unref();
    }
  }

  logActivity(activity: Partial<Activity>): Promise<void> {
    const conversationId = activity.conversation?.id;
    // Trace activities (the dialogs' BotState snapshot each turn) are debugging, not conversation.
    if (!conversationId || activity.type === ActivityTypes.Trace) return Promise.resolve();
    return this.writes.run(conversationId, () =>
      this.append(conversationId, activity).catch((error: unknown) => {
        this.logger.error({ err: error, conversation: conversationId, dir: this.dir }, 'could not save the transcript');
      }),
    );
  }

  /** Resolves when every write started so far has finished (tests, shutdown). */
  flush(): Promise<void> {
    return this.writes.idle();
  }

  /** Stops the retention sweep (shutdown). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  fileFor(conversationId: string): string {
    return path.join(this.dir, transcriptFileName(conversationId));
  }

  /** Deletes transcripts last written more than `retentionDays` ago; resolves with how many. */
  async sweep(now = Date.now()): Promise<number> {
    if (this.options.retentionDays <= 0) return 0;
    const cutoff = now - this.options.retentionDays * DAY_MS;
    let deleted = 0;
    try {
      for (const name of await readdir(this.dir)) {
        if (!name.endsWith(SUFFIX)) continue;
        const file = path.join(this.dir, name);
        const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now }));
        if (mtimeMs >= cutoff) continue;
        await unlink(file).then(() => deleted++, () => undefined);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn({ err: error, dir: this.dir }, 'could not clean old transcripts');
    }
    if (deleted > 0) this.logger.info({ deleted, retentionDays: this.options.retentionDays }, 'old transcripts deleted');
    return deleted;
  }

  private async append(conversationId: string, activity: Partial<Activity>): Promise<void> {
    const file = this.fileFor(conversationId);
    const json = JSON.stringify(activity);
    await mkdir(this.dir, { recursive: true });
    const handle = await open(file, 'r+').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) {
      // 'wx': if another process created it meanwhile, this fails and the write is logged.
      const created = await open(file, 'wx');
      try {
        await created.write(`[\n${json}\n]`);
      } finally {
        await created.close();
      }
      return;
    }
    try {
      const { size } = await handle.stat();
      const end = Buffer.alloc(2);
      await handle.read(end, 0, 2, Math.max(0, size - 2));
      if (size < 4 || end.toString('latin1') !== '\n]') throw new Error(`${file} does not end as a transcript this logger wrote; left as it is`);
      await handle.write(`,\n${json}\n]`, size - 2);
    } finally {
      await handle.close();
    }
  }
}
