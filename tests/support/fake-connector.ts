import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One request the bot made to the connector, decoded. */
export interface ConnectorCall {
  method: string;
  /** The path as sent, still URL-encoded. */
  path: string;
  /** 'send' (POST .../activities), 'reply' (POST .../activities/:replyToId), 'update' (PUT), 'delete', 'create' (POST /v3/conversations), 'other'. */
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create' | 'other';
  /** The conversation id, URL-decoded (Teams channel threads carry ";messageid=..."). */
  conversationId?: string;
  /** The activity replied to (reply) or changed (update, delete). */
  activityId?: string;
  body: unknown;
  /** What the connector answered. */
  status: number;
}

/** An activity the bot posted, with where it went. */
export interface PostedActivity extends Activity {
  /** The conversation id of the URL it was posted to (not the body's). */
  postedTo: string;
  /** The activity id in the URL for replies (POST .../activities/:replyToId), else undefined. */
  postedReplyTo?: string;
}

/** A rule for answering some of the bot's posts with an error, as a real connector sometimes does. */
export interface Failure {
  status: number;
  /** Which activities fail (with `postedTo`, the conversation of the URL, filled in; empty for a new conversation); every one if absent. */
  match?: (activity: PostedActivity) => boolean;
  /** How many times the rule applies (then it is removed); 1 if absent. */
  times?: number;
}

interface Waiter {
  count: number;
  filter: (a: PostedActivity) => boolean;
  resolve: (activities: PostedActivity[]) => void;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?\/?$/;

/**
 * A Bot Framework connector on a loopback port, for tests of the bot's real delivery path (Teams,
 * the Emulator, anything that is not expectReplies): it records what the bot POSTs and PUTs to
 * /v3/conversations/..., and answers as the real connector does, `{ id }` for each activity.
 * Point an incoming activity's serviceUrl at `url`. Failures can be injected per activity.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every activity the connector accepted (sent, replied, updated, or in a created conversation), in order; refused ones are only in `calls`. */
  readonly posted: PostedActivity[] = [];
  private readonly failures: Failure[] = [];
  private readonly waiters: Waiter[] = [];
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeConnector> {
    let connector: FakeConnector | undefined;
    const server = createServer((req, res) => void connector!.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    connector = new FakeConnector(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return connector;
  }

  /** The next matching activity the bot posts is answered with this status (e.g. 400 BadArgument). */
  fail(failure: Failure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** What the bot posted to one conversation (the id as the URL had it, decoded), or to all. */
  activities(conversationId?: string): PostedActivity[] {
    return conversationId === undefined ? [...this.posted] : this.posted.filter((a) => a.postedTo === conversationId);
  }

  /** The message activities among them. */
  messages(conversationId?: string): PostedActivity[] {
    return this.activities(conversationId).filter((a) => a.type === 'message');
  }

  /**
   * Resolves once `count` activities matching `filter` were posted since the connector started
   * (for sends that do not happen inside an HTTP turn, e.g. proactive messages). Never times out
   * on its own: the test's timeout is the limit.
   */
  waitForActivities(count: number, filter: (a: PostedActivity) => boolean = () => true): Promise<PostedActivity[]> {
    const matching = this.posted.filter(filter);
    if (matching.length >= count) return Promise.resolve(matching.slice(0, count));
    return new Promise((resolve) => this.waiters.push({ count, filter, resolve }));
  }

  /** Forgets what was recorded (failures stay). */
  clear(): void {
    this.calls.length = 0;
    this.posted.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const route = ROUTE.exec(path);
    const conversationId = route?.[1] === undefined ? undefined : decodeURIComponent(route[1]);
    const activityId = route?.[2] === undefined ? undefined : decodeURIComponent(route[2]);
    const method = req.method ?? 'GET';
    const kind: ConnectorCall['kind'] = !route
      ? 'other'
      : method === 'POST' && !conversationId
        ? 'create'
        : method === 'POST' && conversationId && path.includes('/activities')
          ? activityId
            ? 'reply'
            : 'send'
          : method === 'PUT' && activityId
            ? 'update'
            : method === 'DELETE' && activityId
              ? 'delete'
              : 'other';

    const call: ConnectorCall = { method, path, kind, conversationId, activityId, body, status: 200 };
    let answer: unknown = {};
    if (kind === 'send' || kind === 'reply' || kind === 'update' || kind === 'create') {
      const activity = (kind === 'create' ? (body as { activity?: Activity }).activity : body) as Activity | undefined;
      const failure = activity ? this.failureFor({ ...activity, postedTo: conversationId ?? '' }) : undefined;
      if (failure) {
        call.status = failure.status;
        answer = { error: { code: failure.status === 400 ? 'BadArgument' : 'ServiceError', message: 'injected by the fake connector' } };
      } else if (kind === 'create') {
        const id = `created-${this.nextId++}`;
        answer = { id, activityId: activity ? `activity-${this.nextId++}` : undefined, serviceUrl: this.url };
        if (activity) this.record(activity, id);
      } else {
        const id = kind === 'update' ? activityId! : `activity-${this.nextId++}`;
        answer = { id };
        if (activity) this.record({ ...activity, id }, conversationId!, kind === 'reply' ? activityId : undefined);
      }
    } else if (kind === 'delete') {
      answer = undefined;
    } else if (method === 'GET' && conversationId && path.endsWith('/members')) {
      answer = [];
    } else {
      call.status = 404;
      answer = { error: { code: 'NotFound', message: `the fake connector has no route ${method} ${path}` } };
    }
    this.calls.push(call);
    res.writeHead(call.status, { 'content-type': 'application/json' });
    res.end(answer === undefined ? '' : JSON.stringify(answer));
  }

  private failureFor(activity: PostedActivity): Failure | undefined {
    const index = this.failures.findIndex((f) => !f.match || f.match(activity));
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  private record(activity: Activity, postedTo: string, postedReplyTo?: string): void {
    this.posted.push({ ...activity, postedTo, ...(postedReplyTo ? { postedReplyTo } : {}) });
    for (const waiter of [...this.waiters]) {
      const matching = this.posted.filter(waiter.filter);
      if (matching.length >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(matching.slice(0, waiter.count));
      }
    }
  }
}
