import type { Activity } from '../sdk/activity.js';
import type { Middleware, TurnContext } from '../sdk/turn.js';
import type { Logger } from '../logging.js';
import { secretsFound } from './redact-secrets.js';

const LOGGER = Symbol('sportello.turnLogger');

/**
 * One logger per turn, carrying the conversation id, so every line of a turn can be found
 * together. Info lines say what happened (type, length, replies, time), never what was said;
 * the (already redacted) text appears at debug level only.
 */
export class TurnLog implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const log = this.logger.child({ conversation: activity.conversation?.id, channel: activity.channelId, activity: activity.id });
    context.turnState.set(LOGGER, log);
    const started = performance.now();
    let replies = 0;
    context.onSendActivities(async (_context, activities: Partial<Activity>[], nextSend) => {
      replies += activities.length;
      log.debug({ replies: activities.map((a) => a.text).filter(Boolean) }, 'replies');
      return nextSend();
    });
    log.debug({ text: activity.text?.slice(0, 1000) }, 'received');
    let outcome = 'ok';
    try {
      await next();
    } catch (error) {
      outcome = 'failed';
      throw error;
    } finally {
      log.info(
        {
          type: activity.type,
          locale: activity.locale,
          chars: activity.text?.length ?? 0,
          redacted: [...secretsFound(context)],
          replies,
          outcome,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    }
  }
}

/** The turn's logger (falls back to the app's logger before TurnLog has run). */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(LOGGER) as Logger | undefined) ?? fallback;
}
