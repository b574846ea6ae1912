import type { Middleware, TurnContext } from '../sdk/turn.js';
import type { TurnLock } from '../storage/turn-lock.js';

/**
 * Runs the turns of one conversation one after another, on every process sharing the lock:
 * each turn reads the state the previous one saved. Turns of other conversations do not wait.
 */
export class OneTurnAtATime implements Middleware {
  constructor(private readonly lock: TurnLock) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversation = context.activity.conversation?.id;
    if (!conversation) return next();
    await this.lock.withLock(`${context.activity.channelId}/${conversation}`, next);
  }
}
