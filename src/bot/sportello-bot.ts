import { TeamsActivityHandler } from '../sdk/adapters.js';
import { TurnContext, type StatePropertyAccessor } from '../sdk/turn.js';
import type { ConversationStateStore } from './conversation-state.js';
import { type MessagingExtensionQuery, type MessagingExtensionResponse } from '../sdk/activity.js';
import type { Dialog, DialogState } from '../sdk/dialogs.js';
import { languageOf, type Language } from '../content/languages.js';
import type { DialogServices } from '../dialogs/services.js';
import { setTurnInput, type TurnInput } from '../dialogs/turn-input.js';
import { readPayload } from '../replies/payload.js';
import { sendReplies } from '../replies/send.js';
import type { ComposeSearch } from '../teams/search-extension.js';
import { impliedPayload, isAddressedToBot, welcomeFor } from './addressed.js';
import { dialogRunner } from './dialog-runner.js';
import { unnestMainDialog } from '../dialogs/main-dialog.js';
import { knownLanguage, languageContext, type LanguageProfile } from './language.js';
import { readLongMessage, type LongMessage } from './long-message.js';
import { secretsWarning, tooLongNotice } from './notices.js';
import { secretsFound } from './redact-secrets.js';
import { textBesideSecrets } from './beside-secrets.js';
import { everyMask, secretMasks } from '../secrets/masks.js';

/** The event the web page sends when the customer picks another language (value: the language code). */
export const LANGUAGE_EVENT = 'sportello.language';
import { emptyNotes, setCaseNotes, type CaseNotes } from '../handoff/case-notes.js';
import { handleAgentTurn } from '../handoff/agent-side.js';
import { turnEvents } from '../insights/turn-events.js';
import { handleCustomerTurn } from '../handoff/customer-side.js';
import type { HandoffDesk } from '../handoff/desk.js';

export interface BotOptions {
  conversationState: ConversationStateStore;
  /** The dialogs, the first at the bottom of the stack (begun when none is active). */
  dialogs: readonly [Dialog, ...Dialog[]];
  services: DialogServices;
  defaultLanguage: Language;
  /** The knowledge search behind the Teams compose-box command. */
  composeSearch: ComposeSearch;
  /** A longer message gets a polite "please shorten it" and is not read at all. */
  maxMessageChars: number;
  /** Hand-offs: agents' clicks and messages in Teams, customers' messages while a case is open. */
  handoff?: HandoffDesk;
}

/**
 * The activity handler: reads each message once (button payload, language, meaning), runs
 * the dialogs, and saves the conversation. Greets people who join.
 */
export class SportelloBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profile: StatePropertyAccessor<LanguageProfile>;
  private readonly runDialog: (context: TurnContext) => Promise<void>;
  /** Every mask redaction may have put in the text, in every language. */
  private readonly masks: string[];
  private readonly notes: StatePropertyAccessor<CaseNotes>;

  constructor(private readonly options: BotOptions) {
    super();
    this.masks = everyMask(secretMasks(options.services.t));
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.profile = options.conversationState.createProperty<LanguageProfile>('profile');
    this.runDialog = dialogRunner(options.dialogs, this.dialogState, unnestMainDialog);
    this.notes = options.conversationState.createProperty<CaseNotes>('caseNotes');

    this.onMessage(async (context, next) => {
      // An agent's click or message in a case's Teams thread is for the hand-off desk, mentioned or not.
      if (options.handoff && (await handleAgentTurn(options.handoff, context))) {
        turnEvents(context).notCustomer();
        return next();
      }
      // In a Teams channel or group chat, people talk among themselves until they mention the bot.
      if (!isAddressedToBot(context.activity)) {
        turnEvents(context).notCustomer();
        return next();
      }
      const long = readLongMessage(context, options.maxMessageChars, (text) => options.services.understander.recognizeCommand(text)?.command === 'crisis');
      if (long) {
        await this.refuseTooLong(context, long);
        return next();
      }
      const input = await this.readTurn(context);
      setTurnInput(context, input);
      // Someone who may be in danger gets care and where to find help before anything else;
      // the conversation stays where it was.
      const crisis = input.understanding?.command === 'crisis';
      if (crisis) await sendReplies(context, { text: options.services.t(input.language, 'crisis.reply') });
      await this.warnAboutSecrets(context, input.language);
      // While a case is open, the customer's messages go to the agent (or answer what the case asks).
      if (crisis || (options.handoff && (await handleCustomerTurn(options.handoff, context, input)))) return next();
      await this.runDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const welcome = welcomeFor(context.activity);
      if (welcome === 'welcome') await this.prompt(context, 'welcome');
      if (welcome === 'team') await this.welcomeTeam(context);
      await next();
    });

    // The web page's language picker: from now on the bot speaks the picked language, says so,
    // and asks the pending question again with its buttons in that language.
    this.onEvent(async (context, next) => {
      const picked = context.activity.name === LANGUAGE_EVENT ? languageOf(String(context.activity.value ?? context.activity.locale ?? '')) : undefined;
      if (picked) {
        const profile = await this.profile.get(context, {});
        const changed = picked !== profile.language;
        profile.language = picked;
        profile.channelLanguage = picked;
        if (changed) {
          await sendReplies(context, { text: options.services.t(picked, 'language.switched') });
          await this.prompt(context, 'again');
        }
      }
      await next();
    });
  }

  /** Teams compose box: an agent searches the knowledge base and inserts an answer card in their language. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return this.options.composeSearch.answer(query, context.activity.locale);
  }

  /** Saves conversation state after every turn, whatever the handlers did. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  private async readTurn(context: TurnContext): Promise<TurnInput> {
    const { services, defaultLanguage } = this.options;
    const profile = await this.profile.get(context, {});
    const channelLanguage = languageOf(context.activity.locale);
    const payload = readPayload(context.activity.value) ?? impliedPayload(context.activity);
    // In group chats the text starts with "<at>Sportello</at>": the mention is not the question.
    const said = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
    // A masked secret and the words announcing it ("my password is …") are not a question.
    const text = secretsFound(context).size > 0 ? textBesideSecrets(said, this.masks) : said;
    let language = knownLanguage(profile, context.activity.locale, defaultLanguage);
    let understanding;
    if (!payload && text) {
      understanding = services.understander.understand(text, languageContext(profile, context.activity.locale, defaultLanguage));
      language = understanding.language;
    } else if (channelLanguage && profile.channelLanguage && channelLanguage !== profile.channelLanguage) {
      language = channelLanguage;
    }
    profile.language = language;
    if (channelLanguage) profile.channelLanguage = channelLanguage;
    // Nothing left once the secret is masked: after the warning, the pending question again.
    if (!payload && !text && said) return { text, language, prompt: 'again' };
    await this.noteTurn(context, text, understanding);
    return { text, payload, language, understanding };
  }

  /** Notes what a hand-off would tell: the first real question, a support code typed (all already masked). */
  private async noteTurn(context: TurnContext, text: string, understanding: TurnInput['understanding']): Promise<void> {
    const notes = await this.notes.get(context, emptyNotes());
    setCaseNotes(context, notes);
    if (!text) return;
    // The first question, or a first message that asks for a person with the problem in it.
    const telling = understanding && (!understanding.command || understanding.command === 'human');
    if (!notes.firstQuestion && telling) notes.firstQuestion = text;
    const code = this.options.handoff?.parts.reader.supportCode(text);
    if (code) notes.supportCode = code;
  }

  /** A long paste is not classified: it gets a polite answer, and the conversation stays where it was. */
  private async refuseTooLong(context: TurnContext, long: LongMessage): Promise<void> {
    const { services, defaultLanguage, maxMessageChars } = this.options;
    const profile = await this.profile.get(context, {});
    const language = knownLanguage(profile, context.activity.locale, defaultLanguage);
    // Too long to read, but not too long to notice someone in danger: the first middleware
    // looked for it at the message's start and end (bounded work, whatever the length).
    if (long.crisis) {
      await sendReplies(context, { text: services.t(language, 'crisis.reply') });
    }
    await this.warnAboutSecrets(context, language);
    await sendReplies(context, tooLongNotice(maxMessageChars, language, services.t));
  }

  private async warnAboutSecrets(context: TurnContext, language: Language): Promise<void> {
    const warning = secretsWarning(secretsFound(context), language, this.options.services.t);
    if (warning) await sendReplies(context, warning);
  }

  /** The bot added to a Teams team or group chat: a short hello, no topic menu in everyone's channel. */
  private async welcomeTeam(context: TurnContext): Promise<void> {
    const language = knownLanguage(await this.profile.get(context, {}), context.activity.locale, this.options.defaultLanguage);
    await sendReplies(context, { text: this.options.services.t(language, 'welcome.team') });
  }

  /** Runs the dialogs on a turn with nothing to read: the welcome, or the pending question again. */
  private async prompt(context: TurnContext, prompt: 'welcome' | 'again'): Promise<void> {
    const profile = await this.profile.get(context, {});
    const language = knownLanguage(profile, context.activity.locale, this.options.defaultLanguage);
    profile.language = language;
    setTurnInput(context, { text: '', language, prompt });
    await this.runDialog(context);
  }
}
