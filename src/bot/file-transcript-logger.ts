import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ActivityTypes, type Activity, type TranscriptLogger } from 'botbuilder';
import type { Logger } from '../logging.js';
import { SerialByKey } from '../util/serial-by-key.js';

/**
 * A conversation id as a file name. Teams and Direct Line ids hold characters that file
 * systems refuse (`:`, `|`, `;`); those become `_`, with a short hash so two ids never share a file.
 */
export function transcriptFileName(conversationId: string): string {
  const safe = conversationId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  if (safe === conversationId) return `${safe}.transcript`;
  const hash = createHash('sha256').update(conversationId).digest('hex').slice(0, 10);
  return `${safe}-${hash}.transcript`;
}

/**
 * Saves every conversation as `<dir>/<conversation-id>.transcript`: a JSON array of its
 * activities, the format the Bot Framework Emulator opens (File → Open Transcript).
 * Used with botbuilder's TranscriptLoggerMiddleware, which does not wait for it: writes run
 * in the background, one at a time per conversation, and a failure is logged, never thrown
 * into a turn. Each write replaces the file atomically (write, then rename).
 */
export class FileTranscriptLogger implements TranscriptLogger {
  /** One write at a time per conversation: each rewrites the whole file. */
  private readonly writes = new SerialByKey();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

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

  fileFor(conversationId: string): string {
    return path.join(this.dir, transcriptFileName(conversationId));
  }

  private async append(conversationId: string, activity: Partial<Activity>): Promise<void> {
    const file = this.fileFor(conversationId);
    await mkdir(this.dir, { recursive: true });
    let activities: unknown[] = [];
    try {
      activities = JSON.parse(await readFile(file, 'utf8')) as unknown[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    activities.push(activity);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(activities, null, 2));
    await rename(temporary, file);
  }
}
