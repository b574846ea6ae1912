import { ActivityTypes, type Activity, type ConversationReference, type ResourceResponse } from '../sdk/activity.js';
import { BotAdapter } from '../sdk/adapters.js';
import { TurnContext } from '../sdk/turn.js';
import { renderForTerminal, wrap, type TerminalStyle } from './terminal-text.js';

/**
 * A Bot Framework adapter for a terminal: each line typed is a message activity, each reply is
 * written out, buttons listed with numbers (typing the number picks the button).
 */
export class ConsoleAdapter extends BotAdapter {
  private nextId = 0;
  private readonly reference: ConversationReference;

  constructor(
    private readonly write: (text: string) => void,
    locale: string,
    private readonly style: TerminalStyle = { width: 80, ansi: false },
  ) {
    super();
    this.reference = {
      channelId: 'console',
      serviceUrl: '',
      user: { id: 'user', name: 'You' },
      bot: { id: 'bot', name: 'Sportello' },
      conversation: { id: `console-${Date.now()}`, isGroup: false, conversationType: 'personal', name: 'console' },
      locale,
    };
  }

  /** Runs one turn for a typed line (or for the start of the conversation). */
  async receive(logic: (context: TurnContext) => Promise<void>, activity: Partial<Activity>): Promise<void> {
    const full = TurnContext.applyConversationReference(
      { id: String(this.nextId++), timestamp: new Date(), ...activity } as Partial<Activity>,
      this.reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, full), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) continue;
      const lines = [renderForTerminal(activity.text ?? '', this.style)];
      const actions = activity.suggestedActions?.actions ?? [];
      actions.forEach((action, i) => lines.push(...wrap(String(action.title), this.style.width, `   [${i + 1}] `)));
      this.write(`\nSportello>\n${lines.join('\n')}\n`);
    }
    return activities.map(() => ({ id: String(this.nextId++) }));
  }

  async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error('ConsoleAdapter: updating a sent message is not supported in a terminal');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('ConsoleAdapter: deleting a sent message is not supported in a terminal');
  }

  async continueConversation(_reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.receive(logic, { type: ActivityTypes.Event, name: 'continue' });
  }
}
