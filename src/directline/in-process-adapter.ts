import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from '../sdk/adapters.js';
import { type Activity, type InvokeResponse } from '../sdk/activity.js';
import { type TurnContext } from '../sdk/turn.js';
import { cachingAuthentication } from '../server/connector-cache.js';

/**
 * A CloudAdapter with no Bot Framework credentials, for channels that live in this process
 * (our Direct Line). With MicrosoftAppId set, the main adapter would need Azure tokens to
 * reply to a local address; here replies come back as the turn's result (expectReplies)
 * and the caller, which checked its own credentials, decides where they go.
 */
export class InProcessAdapter extends CloudAdapter {
  constructor() {
    super(cachingAuthentication(new ConfigurationBotFrameworkAuthentication({})));
  }

  /** Runs one turn; for expectReplies the result's body is `{ activities }`. */
  runTurn(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity('', activity, logic);
  }
}
