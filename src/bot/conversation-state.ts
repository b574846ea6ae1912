import type { Storage } from '../sdk/storage.js';
import type { StatePropertyAccessor, TurnContext } from '../sdk/turn.js';

/** What the bot needs of conversation state: properties, and a save at the end of the turn. */
export interface ConversationStateStore {
  createProperty<T>(name: string): StatePropertyAccessor<T>;
  saveChanges(context: TurnContext, force?: boolean): Promise<void>;
}

type State = Record<string, unknown> & { eTag?: string };

interface Loaded {
  state: State;
  /** The state as last read or written, as JSON without its eTag: what "changed" is judged against. */
  saved: string;
}

const LOADED = Symbol('sportello.conversationState');

/** The state as the change check reads it: everything but the storage's eTag. */
function savedForm(state: State): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * Conversation state with the SDK's ConversationState contract (the same storage key, property
 * accessors and last-writer-wins save), at a third of its cost a turn. BotState hashes the whole
 * state three times a turn (a SHA-256 of a JSON made with a replacer function called on every
 * value: at load, to see whether it changed, and again after the write) and was 4% of a turn's
 * CPU. Here the state's plain JSON is kept at load and compared at save: two JSON.stringify calls.
 * A state whose keys were only reordered counts as changed and is written again: harmless.
 */
export class ConversationStateOnStorage implements ConversationStateStore {
  constructor(private readonly storage: Storage) {}

  /** ConversationState's key, so state written by either is read by the other. */
  private keyOf(context: TurnContext): string {
    const { channelId, conversation } = context.activity;
    if (!channelId) throw new Error('missing activity.channelId');
    if (!conversation?.id) throw new Error('missing activity.conversation.id');
    return `${channelId}/conversations/${conversation.id}/`;
  }

  private async load(context: TurnContext): Promise<State> {
    const cached = context.turnState.get(LOADED) as Loaded | undefined;
    if (cached) return cached.state;
    const key = this.keyOf(context);
    const state = ((await this.storage.read([key]))[key] as State | undefined) ?? {};
    // (Another part of the turn may have loaded it meanwhile: keep the first.)
    const raced = context.turnState.get(LOADED) as Loaded | undefined;
    if (raced) return raced.state;
    context.turnState.set(LOADED, { state, saved: savedForm(state) });
    return state;
  }

  createProperty<T>(name: string): StatePropertyAccessor<T> {
    return {
      get: async (context: TurnContext, defaultValue?: T): Promise<T> => {
        const state = await this.load(context);
        if (!Object.prototype.hasOwnProperty.call(state, name) && defaultValue !== undefined) {
          // A copy, as the SDK's accessor makes: the caller's default is not the stored object.
          state[name] = typeof defaultValue === 'object' ? JSON.parse(JSON.stringify(defaultValue)) : defaultValue;
        }
        return state[name] as T;
      },
      set: async (context: TurnContext, value: T): Promise<void> => {
        (await this.load(context))[name] = value;
      },
      delete: async (context: TurnContext): Promise<void> => {
        const state = await this.load(context);
        if (Object.prototype.hasOwnProperty.call(state, name)) delete state[name];
      },
    } as StatePropertyAccessor<T>;
  }

  /** Writes the state if the turn changed it (or `force`); a turn that never read it writes nothing unless forced. */
  async saveChanges(context: TurnContext, force = false): Promise<void> {
    let loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) {
      if (!force) return;
      context.turnState.set(LOADED, (loaded = { state: {}, saved: '' }));
    }
    const now = savedForm(loaded.state);
    if (!force && now === loaded.saved) return;
    loaded.state.eTag = '*';
    await this.storage.write({ [this.keyOf(context)]: loaded.state });
    loaded.saved = now;
  }
}
