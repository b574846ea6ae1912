import type { ActivitySet, ConversationStore } from './conversation-store.js';

/**
 * Follows one conversation for a stream: `send` gets every activity after `after`, in order and
 * each exactly once, first the backlog, then whatever any process appends. Resolves with the
 * function that stops following; rejects when the store cannot start the feed.
 *
 * The feed is subscribed to before the backlog is read, so nothing appended in between is
 * lost; what both carry is skipped by its sequence number. A set that does not follow on from
 * what was sent (the feed missed one, or came back from a reconnect) is replaced by a read
 * from the store, so a gap in the feed is never a gap for the client.
 */
export async function followConversation(
  store: ConversationStore,
  conversationId: string,
  after: number | undefined,
  send: (set: ActivitySet) => void,
  onError: (error: unknown) => void = () => undefined,
): Promise<() => void> {
  let sent = after ?? 0;
  let stopped = false;
  // One set at a time, so a read that fills a gap cannot be overtaken by the next set.
  let queue = Promise.resolve();

  const deliver = async (set: ActivitySet | undefined) => {
    if (stopped) return;
    const first = set ? set.watermark - set.activities.length + 1 : Infinity;
    const complete = set && first <= sent + 1 ? set : await store.read(conversationId, sent);
    if (!complete || stopped || complete.watermark <= sent) return;
    const completeFirst = complete.watermark - complete.activities.length + 1;
    const fresh = complete.activities.slice(Math.max(0, sent - completeFirst + 1));
    sent = complete.watermark;
    if (fresh.length > 0) send({ activities: fresh, watermark: complete.watermark });
  };
  const enqueue = (set?: ActivitySet) => {
    queue = queue.then(() => deliver(set)).catch(onError);
  };

  const unsubscribe = await store.subscribe(conversationId, enqueue);
  // The backlog: no set means "read from the store after what was sent".
  enqueue();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
