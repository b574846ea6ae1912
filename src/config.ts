import { z } from 'zod';
import { parseHours } from './handoff/hours.js';

/**
 * Every setting the bot reads, in one table: its environment name, what it does and its
 * default. Only this module reads process.env; the rest of the code gets a frozen Config.
 * .env.example and the README's configuration table list the same keys (a test checks it).
 */
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalText = z.preprocess(emptyAsUndefined, z.string().optional());
const flag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );
const integer = (fallback: number, min = 0) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).default(fallback));

export const settings = {
  port: { env: 'PORT', doc: 'HTTP port of the bot (web widget, Direct Line, /api/messages)', schema: integer(3978) },
  host: { env: 'HOST', doc: 'Interface to listen on', schema: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')) },
  nodeEnv: { env: 'NODE_ENV', doc: 'development or production; production refuses to start without Bot Framework credentials', schema: z.preprocess(emptyAsUndefined, z.string().default('development')) },
  appType: { env: 'MicrosoftAppType', doc: 'Bot Framework app type (MultiTenant, SingleTenant, UserAssignedMSI); empty for the Emulator', schema: optionalText },
  appId: { env: 'MicrosoftAppId', doc: 'Bot Framework app id; empty turns authentication off (Emulator mode)', schema: optionalText },
  appPassword: { env: 'MicrosoftAppPassword', doc: 'Bot Framework app password (client secret)', schema: optionalText },
  appTenantId: { env: 'MicrosoftAppTenantId', doc: 'Tenant id, for SingleTenant bots', schema: optionalText },
  allowUnauthenticated: { env: 'ALLOW_UNAUTHENTICATED', doc: 'Let NODE_ENV=production start without credentials (only behind a trusted gateway)', schema: flag(false) },
  knowledgeDir: { env: 'KNOWLEDGE_DIR', doc: 'Folder of knowledge entries (one YAML file each)', schema: z.preprocess(emptyAsUndefined, z.string().default('knowledge')) },
  calibrationCacheDir: {
    env: 'CALIBRATION_CACHE_DIR',
    doc: 'Folder where the understanding keeps its cross-validation and its trained models for the next start (a restart, or other processes sharing the folder, then load them instead of training); rewritten whenever the knowledge or the training code changes. Empty: none kept, every start trains',
    // Set but empty means none: unlike the other folders, "no cache" is a choice, not a missing value.
    schema: z
      .string()
      .default('data/models')
      .transform((dir) => dir || undefined),
  },
  dialogsDir: { env: 'DIALOGS_DIR', doc: 'Folder of guided trees (one YAML file each)', schema: z.preprocess(emptyAsUndefined, z.string().default('dialogs')) },
  localesDir: { env: 'LOCALES_DIR', doc: 'Folder of bot strings, one sub-folder per language', schema: z.preprocess(emptyAsUndefined, z.string().default('locales')) },
  defaultLocale: { env: 'DEFAULT_LOCALE', doc: 'Language used when neither the text nor the channel tells (it, en, fr, de)', schema: z.preprocess(emptyAsUndefined, z.enum(['it', 'en', 'fr', 'de']).default('it')) },
  directLineSecret: { env: 'DIRECTLINE_SECRET', doc: 'Secret of the built-in Direct Line endpoint (web widget), at least 32 random characters (e.g. openssl rand -base64 32); every call then needs it or a token from it. Empty: open, for development on localhost', schema: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 random characters (a short secret can be guessed offline from one token); e.g. openssl rand -base64 32').optional()) },
  allowOpenDirectLine: { env: 'ALLOW_OPEN_DIRECTLINE', doc: 'Let NODE_ENV=production start without DIRECTLINE_SECRET, with the widget endpoint open to anyone', schema: flag(false) },
  directLineWebSocket: { env: 'DIRECTLINE_WEBSOCKET', doc: 'Offer a WebSocket stream on the Direct Line endpoint (the widget uses it; false: the widget polls)', schema: flag(true) },
  publicUrl: { env: 'PUBLIC_URL', doc: 'Address people reach the bot at, e.g. https://bot.example.com (Direct Line stream URLs, the Teams package); empty: the request\'s own host', schema: z.preprocess(emptyAsUndefined, z.url().transform((u) => u.replace(/\/+$/, '')).optional()) },
  transcriptsDir: { env: 'TRANSCRIPTS_DIR', doc: 'Folder where each conversation is saved as <conversation-id>.transcript (opens in the Emulator); empty: none saved', schema: optionalText },
  widgetAllowedOrigins: {
    env: 'WIDGET_ALLOWED_ORIGINS',
    doc: "Sites that may show the chat page in a frame (the embed), space- or comma-separated origins such as https://help.example.com; * for any site. Empty: only the bot's own address",
    schema: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default('')
        .transform((v) => v.split(/[\s,]+/).filter(Boolean))
        .pipe(z.array(z.union([z.literal('*'), z.url().regex(/^https?:\/\/[^/]+$/, 'an origin has no path: https://help.example.com')]))),
    ),
  },
  privacyUrl: { env: 'PRIVACY_URL', doc: 'Address of the privacy notice the chat links to; empty: the short notice shows without a link', schema: z.preprocess(emptyAsUndefined, z.url().optional()) },
  transcriptsRetentionDays: { env: 'TRANSCRIPTS_RETENTION_DAYS', doc: 'Transcripts not written to for this many days are deleted (0 keeps them forever)', schema: integer(30) },
  allowedServiceUrls: { env: 'ALLOWED_SERVICE_URLS', doc: 'Without MicrosoftAppId, the only service URLs the bot replies to besides loopback ones: comma-separated URL prefixes', schema: z.preprocess(emptyAsUndefined, z.string().default('').transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))) },
  teamsAppId: { env: 'TEAMS_APP_ID', doc: 'Id (a GUID) of the Teams app package; empty: the bot\'s MicrosoftAppId', schema: optionalText },
  logLevel: { env: 'LOG_LEVEL', doc: 'Log level: fatal, error, warn, info, debug, trace or silent', schema: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')) },
  redisUrl: { env: 'REDIS_URL', doc: 'Redis for conversation state, turn locks and rate limits (redis:// or rediss://); empty keeps everything in memory', schema: optionalText },
  redisClusterNodes: { env: 'REDIS_CLUSTER_NODES', doc: 'Redis Cluster seed nodes, comma-separated redis:// URLs or host:port; used instead of REDIS_URL', schema: optionalText },
  redisKeyPrefix: { env: 'REDIS_KEY_PREFIX', doc: 'Prefix of every Redis key, so several deployments can share one Redis', schema: z.preprocess(emptyAsUndefined, z.string().default('sportello:')) },
  stateTtlSeconds: { env: 'STATE_TTL_SECONDS', doc: 'An idle conversation (its state, its Direct Line log) is forgotten after this many seconds, in Redis and in memory (0 keeps it forever)', schema: integer(7 * 24 * 3600) },
  memoryStateMaxItems: { env: 'MEMORY_STATE_MAX_ITEMS', doc: 'Without Redis: most conversation and user state items kept in memory (about 0.5 KB each when idle); past it the least recently used are forgotten first', schema: integer(200_000, 1) },
  turnLockTtlMs: { env: 'TURN_LOCK_TTL_MS', doc: 'Lifetime of a conversation lock, in ms, renewed while its turn runs: a crashed process frees its conversations within it', schema: integer(5_000, 100) },
  turnLockWaitMs: { env: 'TURN_LOCK_WAIT_MS', doc: 'How long a turn waits for another turn of its conversation, in ms, before apologising', schema: integer(10_000, 0) },
  maxBodyBytes: { env: 'MAX_BODY_BYTES', doc: 'Largest request body accepted, in bytes (larger gets 413)', schema: integer(256 * 1024, 1024) },
  maxMessageChars: { env: 'MAX_MESSAGE_CHARS', doc: 'Longest message the bot reads; a longer one gets a polite request to shorten it', schema: integer(2000, 1) },
  rateLimitWindowSeconds: { env: 'RATE_LIMIT_WINDOW_SECONDS', doc: 'Length of the rate-limit window, in seconds', schema: integer(60, 1) },
  rateLimitPerIp: { env: 'RATE_LIMIT_PER_IP', doc: 'POST requests (Bot Framework endpoint, Direct Line) and WebSocket upgrades one client address may send per window (0 = no limit); channels post from few addresses, keep it generous', schema: integer(600) },
  rateLimitReadsPerIp: { env: 'RATE_LIMIT_READS_PER_IP', doc: 'Direct Line GET requests (Web Chat polls once a second) one client address may send per window (0 = no limit)', schema: integer(1200) },
  rateLimitBodyKbPerIp: { env: 'RATE_LIMIT_BODY_KB_PER_IP', doc: 'Request body kilobytes (Content-Length) one client address may POST per window (0 = no limit): a few huge posts cost the bot more than many small ones', schema: integer(4096) },
  rateLimitConversationsPerIp: { env: 'RATE_LIMIT_CONVERSATIONS_PER_IP', doc: 'New Direct Line conversations and page tokens one client address may ask for per window (0 = no limit)', schema: integer(30) },
  maxConversations: { env: 'MAX_CONVERSATIONS', doc: 'Direct Line conversations kept in memory (without Redis); when full, the longest idle one goes, never one active in the last 10 minutes (new ones get 503)', schema: integer(10_000, 1) },
  maxActivityBytes: { env: 'MAX_ACTIVITY_BYTES', doc: 'Largest activity a Direct Line client may post, as JSON, in bytes (larger gets 413)', schema: integer(32 * 1024, 1024) },
  maxStreamsPerConversation: { env: 'MAX_STREAMS_PER_CONVERSATION', doc: 'Open WebSocket streams per Direct Line conversation (one per open page); more get 429', schema: integer(4, 1) },
  streamMaxBufferedBytes: { env: 'STREAM_MAX_BUFFERED_BYTES', doc: 'A WebSocket reader this far behind is disconnected (it reconnects from its watermark), in bytes', schema: integer(1024 * 1024, 16 * 1024) },
  rateLimitPerConversation: { env: 'RATE_LIMIT_PER_CONVERSATION', doc: 'Activities one conversation may send per window (0 = no limit)', schema: integer(30) },
  trustProxyHops: { env: 'TRUST_PROXY_HOPS', doc: 'Number of trusted proxies (load balancers) in front of the bot: the client address is read from X-Forwarded-For that many hops back', schema: integer(0) },
  databaseUrl: { env: 'DATABASE_URL', doc: 'PostgreSQL for the support team\'s events (postgres://user:pass@host/db); empty: an SQLite file at EVENTS_DB_PATH', schema: optionalText },
  eventsDbPath: { env: 'EVENTS_DB_PATH', doc: 'SQLite file of the support team\'s events when DATABASE_URL is empty (:memory: keeps them in memory only)', schema: z.preprocess(emptyAsUndefined, z.string().default('data/events.sqlite')) },
  eventsRetentionDays: { env: 'EVENTS_RETENTION_DAYS', doc: 'Days the masked text of declined, clarified and thumbed-down questions is kept for review; the counts stay', schema: integer(30, 1) },
  adminToken: { env: 'ADMIN_TOKEN', doc: 'Token of the /admin dashboard (Bearer header or sign-in form), at least 16 characters; empty: the dashboard is off (404)', schema: z.preprocess(emptyAsUndefined, z.string().min(16).optional()) },
  otelEndpoint: { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', doc: 'OpenTelemetry collector (OTLP over HTTP, e.g. http://localhost:4318): each turn is sent to <endpoint>/v1/traces as a span; empty: no traces', schema: z.preprocess(emptyAsUndefined, z.url().transform((u) => u.replace(/\/+$/, '')).optional()) },
  handoffTeamsChannelId: { env: 'HANDOFF_TEAMS_CHANNEL_ID', doc: 'Hand-off: conversation id of the agents\' Teams channel (19:…@thread.tacv2); empty: set it by typing "@Sportello use this channel for hand-offs" there', schema: optionalText },
  handoffTeamsServiceUrl: { env: 'HANDOFF_TEAMS_SERVICE_URL', doc: 'Hand-off: the Bot Framework service URL of that channel\'s tenant, e.g. https://smba.trafficmanager.net/emea/', schema: z.preprocess(emptyAsUndefined, z.url().optional()) },
  handoffTeamsTenantId: { env: 'HANDOFF_TEAMS_TENANT_ID', doc: 'Hand-off: the Microsoft 365 tenant id of the agents\' team', schema: optionalText },
  handoffWaitSeconds: { env: 'HANDOFF_WAIT_SECONDS', doc: 'Hand-off: after this many seconds without an agent, the customer is offered to leave an e-mail and the case becomes a ticket', schema: integer(300, 1) },
  handoffHours: {
    env: 'HANDOFF_HOURS',
    doc: 'Hand-off: support hours, e.g. "Mon-Fri 08:00-18:00 Europe/Zurich" (ranges separated by commas); outside them the e-mail is offered at once. Empty: always',
    schema: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .superRefine((text, ctx) => {
          if (text === undefined) return;
          try {
            parseHours(text);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
          }
        }),
    ),
  },
  handoffAgentLanguage: { env: 'HANDOFF_AGENT_LANGUAGE', doc: 'Hand-off: language of case cards and notices in the agents\' channel (it, en, fr, de); empty: DEFAULT_LOCALE', schema: z.preprocess(emptyAsUndefined, z.enum(['it', 'en', 'fr', 'de']).optional()) },
  shutdownTimeoutMs: { env: 'SHUTDOWN_TIMEOUT_MS', doc: 'On SIGTERM, how long to wait for turns in flight before closing anyway, in ms', schema: integer(10_000) },
} as const;

type Settings = typeof settings;
export type Config = Readonly<{ [K in keyof Settings]: z.output<Settings[K]['schema']> }>;

export class ConfigError extends Error {}

/** Turns an environment into a validated, frozen Config; fails loud with every bad key named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const parsed = setting.schema.safeParse(env[setting.env]);
    if (parsed.success) config[key] = parsed.data;
    else problems.push(`${setting.env}=${JSON.stringify(env[setting.env])}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length === 0) problems.push(...crossCheck(config as Config));
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return Object.freeze(config) as Config;
}

/** Rules that tie settings together. */
function crossCheck(config: Config): string[] {
  const problems: string[] = [];
  if (config.nodeEnv === 'production' && !config.appId && !config.allowUnauthenticated) {
    problems.push(
      'NODE_ENV=production without MicrosoftAppId: anyone could talk to the bot as any channel. ' +
        'Set MicrosoftAppId and MicrosoftAppPassword, or ALLOW_UNAUTHENTICATED=true if a trusted gateway authenticates requests.',
    );
  }
  if (config.handoffTeamsChannelId && !config.handoffTeamsServiceUrl) {
    problems.push('HANDOFF_TEAMS_CHANNEL_ID is set without HANDOFF_TEAMS_SERVICE_URL: the bot needs both to post cases to the channel.');
  }
  if (config.nodeEnv === 'production' && !config.directLineSecret && !config.allowOpenDirectLine) {
    problems.push(
      'NODE_ENV=production without DIRECTLINE_SECRET: the web widget\'s Direct Line endpoint would be open to anyone. ' +
        'Set DIRECTLINE_SECRET (at least 32 random characters, e.g. openssl rand -base64 32), or ALLOW_OPEN_DIRECTLINE=true to mean it.',
    );
  }
  if (config.redisUrl && config.redisClusterNodes) {
    problems.push('REDIS_URL and REDIS_CLUSTER_NODES are both set: use REDIS_URL for one Redis, REDIS_CLUSTER_NODES for a cluster.');
  }
  return problems;
}
