import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { wrapPayload, type Payload } from '../../src/replies/payload.js';
import type { TreeCatalog } from '../../src/trees/model.js';
import { projectContent } from './content.js';

/**
 * The real bot (real content, real dialogs) behind botbuilder's TestAdapter. `trees` replaces
 * the guided trees, for tests of the engine on a fixture tree.
 */
export async function createTestBot(options: { storage?: Storage; env?: Record<string, string>; trees?: TreeCatalog } = {}): Promise<App> {
  const content = await projectContent();
  return createApp(loadConfig({ LOG_LEVEL: 'silent', EVENTS_DB_PATH: ':memory:', CALIBRATION_CACHE_DIR: '', ...options.env }), {
    storage: options.storage ?? new MemoryStorage(),
    content: options.trees ? { ...content, trees: options.trees } : content,
    logger: createLogger('silent'),
  });
}

/** A conversation with the bot, one message at a time, collecting what it says back. */
export class Conversation {
  readonly adapter: TestAdapter;
  constructor(
    readonly app: App,
    locale = 'it-IT',
    conversationId = `test-${Math.random().toString(36).slice(2)}`,
  ) {
    this.adapter = new TestAdapter((context) => app.bot.run(context), {
      channelId: 'test',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'test' },
      locale,
    } as Partial<Activity>);
    this.adapter.locale = locale;
  }

  /** Sends text (or a button's payload) and returns the bot's message replies of that turn. */
  async say(text: string, locale?: string): Promise<Activity[]> {
    return this.turn({ type: ActivityTypes.Message, text, ...(locale ? { locale } : {}) });
  }

  async click(title: string, payload: Payload): Promise<Activity[]> {
    return this.turn({ type: ActivityTypes.Message, text: title, value: wrapPayload(payload) });
  }

  /** Clicks the button with this title among the replies' suggested actions. */
  async clickButton(replies: Activity[], title: string): Promise<Activity[]> {
    const action = replies.flatMap((r) => r.suggestedActions?.actions ?? []).find((a) => a.title === title);
    if (!action) throw new Error(`no button "${title}" among: ${buttons(replies).join(', ')}`);
    return this.turn({ type: ActivityTypes.Message, text: String(action.text ?? action.title), value: action.value });
  }

  /** Everything the bot sent in the last turn, events (a handoff) included. */
  lastActivities: Activity[] = [];

  private async turn(activity: Partial<Activity>): Promise<Activity[]> {
    this.adapter.activeQueue.length = 0;
    await this.adapter.receiveActivity(activity);
    this.lastActivities = this.adapter.activeQueue.splice(0) as Activity[];
    return this.lastActivities.filter((a) => a.type === ActivityTypes.Message);
  }
}

/** What the replies say: their text, or for a card (answers on Web Chat, the Emulator, Teams) its fallback text. */
export const texts = (replies: Activity[]) =>
  replies.map((r) => r.text ?? r.attachments?.map((a) => (a.content as { fallbackText?: string } | undefined)?.fallbackText ?? '').join('\n') ?? '').join('\n');
export const buttons = (replies: Activity[]) => replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => String(a.title));
export const payloads = (replies: Activity[]) =>
  replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => (a.value as { sportello: Payload }).sportello);
