import { ActivityTypes, Channels, type Activity, type ResourceResponse } from '../sdk/activity.js';
import { type Middleware, type TurnContext } from '../sdk/turn.js';

/**
 * Which outgoing activities a channel takes, by activity type. Trace activities are debugging
 * for the Bot Framework Emulator (the dialogs send one each turn holding the whole conversation
 * state): connectors drop them elsewhere, but replies returned in an HTTP body (expectReplies,
 * the web widget's Direct Line) would carry them to anyone. Event activities from a bot (the
 * hand-off's `handoff.initiate`) are refused by the Teams connector with 400 BadArgument, which
 * would fail the turn; Direct Line, Web Chat and the Emulator take them.
 */
const ONLY_ON: Readonly<Record<string, ReadonlySet<string>>> = {
  [ActivityTypes.Trace]: new Set([Channels.Emulator]),
};
const NEVER_ON: Readonly<Record<string, ReadonlySet<string>>> = {
  [ActivityTypes.Event]: new Set([Channels.Msteams]),
};

export function channelTakes(channelId: string, activity: Partial<Activity>): boolean {
  const type = activity.type ?? ActivityTypes.Message;
  const only = ONLY_ON[type];
  if (only && !only.has(channelId)) return false;
  return !NEVER_ON[type]?.has(channelId);
}

/** Drops, before anything else sees them, the outgoing activities the turn's channel does not take. */
export class OutgoingForChannel implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const channelId = context.activity.channelId;
    context.onSendActivities(async (_context, activities, nextSend): Promise<ResourceResponse[]> => {
      for (let i = activities.length - 1; i >= 0; i--) if (!channelTakes(channelId, activities[i]!)) activities.splice(i, 1);
      // A batch left empty (the trace was its only activity) ends here: the adapter refuses an
      // empty batch ("Expecting one or more activities"), which would fail the turn before its
      // state is saved.
      if (activities.length === 0) return [];
      return nextSend();
    });
    await next();
  }
}
