import { ActivityTypes, Channels, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';

/**
 * Trace activities are debugging for the Bot Framework Emulator; the dialogs send one each turn
 * holding the whole conversation state. Connectors drop them on other channels, but replies
 * returned in an HTTP body (deliveryMode "expectReplies", the web widget's Direct Line) would
 * carry them to anyone: they leave the bot on the Emulator's channel only.
 */
export class EmulatorOnlyTraces implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== Channels.Emulator) {
      context.onSendActivities(async (_context, activities, nextSend): Promise<ResourceResponse[]> => {
        for (let i = activities.length - 1; i >= 0; i--) if (activities[i]!.type === ActivityTypes.Trace) activities.splice(i, 1);
        // A batch that held only the trace ends here: the adapter refuses an empty batch
        // ("Expecting one or more activities"), which would fail the turn before its state is saved.
        if (activities.length === 0) return [];
        return nextSend();
      });
    }
    await next();
  }
}
