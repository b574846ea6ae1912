import type { TurnContext } from '../sdk/turn.js';
import { languageOf, type Language } from '../content/languages.js';
import { turnInput } from '../dialogs/turn-input.js';
import type { Translate } from '../i18n/i18n.js';
import type { Logger } from '../logging.js';

/** After a failed turn: say sorry in the customer's language, without failing again. */
export async function apologise(context: TurnContext, t: Translate, fallback: Language, logger: Logger): Promise<void> {
  let language: Language = languageOf(context.activity.locale) ?? fallback;
  try {
    language = turnInput(context).language;
  } catch {
    // The turn failed before its language was read: the channel's locale will do.
  }
  try {
    await context.sendActivity(t(language, 'error.turn'));
  } catch (error) {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'could not send the apology');
  }
}
