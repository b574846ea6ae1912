import { CloudAdapter } from '../sdk/adapters.js';
import { type Activity, type ResourceResponse } from '../sdk/activity.js';
import { type TurnContext } from '../sdk/turn.js';
import type { Request, Response } from 'restify';
import type { Logger } from '../logging.js';
import type { RateLimit } from './rate-limits.js';
import { serviceUrlAllowed } from './service-urls.js';

// botbuilder does not re-export these connector types; derive them instead of importing a transitive package.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/** Told about an activity the connector refused; the turn carries on without it. */
export type SendFailed = (context: TurnContext, activity: Partial<Activity>, error: unknown) => void;

/**
 * CloudAdapter, with its authenticated entry point opened up: the endpoint below authenticates
 * first, checks the conversation's rate limit, and only then hands the turn to the adapter.
 * Each activity goes to the connector on its own, and one the connector refuses (a 400 for a
 * shape the channel does not take, a 5xx) is reported to `sendFailed` instead of failing the
 * turn: the rest of the replies still go, and the turn's state is still saved.
 */
export class EndpointAdapter extends CloudAdapter {
  constructor(
    readonly authentication: BotFrameworkAuthentication,
    private readonly sendFailed: SendFailed = () => undefined,
  ) {
    super(authentication);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      try {
        responses.push(...(await super.sendActivities(context, [activity])));
      } catch (error) {
        this.sendFailed(context, activity, error);
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotEndpointParts {
  adapter: EndpointAdapter;
  logic: (context: TurnContext) => Promise<void>;
  perConversation: RateLimit;
  logger: Logger;
  /**
   * When set (no MicrosoftAppId: nothing authenticates the caller), the service URLs besides
   * loopback ones that replies may go to; an activity naming another gets 403.
   */
  unauthenticatedServiceUrls?: readonly string[];
}

/** botbuilder's errors for a missing or bad token carry a 401/403 status code. */
function authenticationStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return status === 401 || status === 403 ? status : undefined;
}

/** As CloudAdapter.process does: the JSON timestamps become Dates. */
function withDates(activity: Activity): Activity {
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field] as unknown;
    if (typeof value === 'string') Object.assign(activity, { [field]: new Date(value) });
  }
  return activity;
}

/**
 * POST /api/messages after the body is checked: authenticate (401, and the bot never sees the
 * activity), limit the conversation (429), run the turn, answer with its invoke response or the
 * expectReplies activities.
 */
export function botEndpoint(parts: BotEndpointParts) {
  return async (req: Request, res: Response): Promise<void> => {
    const activity = withDates(req.body as Activity);
    let auth: AuthenticateRequestResult;
    try {
      auth = await parts.adapter.authentication.authenticateRequest(activity, req.header('authorization') ?? '');
    } catch (error) {
      const status = authenticationStatus(error);
      if (!status) throw error;
      parts.logger.warn({ status, channel: activity.channelId, reason: (error as Error).message }, 'request not authenticated');
      res.send(status, { error: 'unauthorized', message: 'a valid Bot Framework token is required' });
      return;
    }
    const allowed = parts.unauthenticatedServiceUrls;
    if (allowed && activity.serviceUrl && !serviceUrlAllowed(activity.serviceUrl, allowed)) {
      parts.logger.warn({ channel: activity.channelId }, 'service URL refused: not loopback nor in ALLOWED_SERVICE_URLS');
      res.send(403, { error: 'forbidden', message: 'without authentication, the bot replies only to loopback service URLs (see ALLOWED_SERVICE_URLS)' });
      return;
    }
    const conversation = activity.conversation?.id;
    const wait = conversation ? await parts.perConversation(`${activity.channelId}/${conversation}`) : undefined;
    if (wait !== undefined) {
      parts.logger.warn({ conversation, retryAfter: wait }, 'conversation rate limit');
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'too_many_requests', message: `this conversation sends too fast; retry in ${wait} s` });
      return;
    }
    const invoke = await parts.adapter.runAuthenticated(auth, activity, parts.logic);
    if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
    else res.send(invoke?.status ?? 200);
  };
}
