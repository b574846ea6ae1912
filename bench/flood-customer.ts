import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Normal customers for bench/flood.ts: people typing a question every few seconds, half in the
 * web widget (Direct Line), half from the Emulator (/api/messages with expectReplies), each
 * from an address of their own. A turn counts as answered only when the bot's reply is there;
 * a 429/503 is a refusal, never a served turn, and its (fast) time is not in the latency.
 */

export interface CustomerFigures {
  /** Time to the bot's reply of every answered turn, in ms. */
  answeredMs: number[];
  /** Turns the bot refused (429, 503): the customer was turned away. */
  refused: number;
  /** Turns with no answer at all (network error, 5xx, a 200 with no reply). */
  failed: number;
}

/** A person types a question every few seconds; this keeps each under RATE_LIMIT_PER_CONVERSATION (30 a minute). */
const THINK_MS = 2_500;
const QUESTIONS = ['Where do I find my support code?', 'Dove trovo il codice di assistenza?', 'Comment changer mon e-mail de récupération ?', 'Wie schalte ich die Zwei-Faktor-Authentifizierung aus?'];

const customerAddress = (k: number) => `198.51.100.${k + 1}`;
const refusedStatus = (status: number) => status === 429 || status === 503;

function record(figures: CustomerFigures, status: number | undefined, started: number, answered: boolean): void {
  if (status !== undefined && refusedStatus(status)) figures.refused++;
  else if (answered) figures.answeredMs.push(performance.now() - started);
  else figures.failed++;
}

/** An Emulator customer: each POST carries deliveryMode expectReplies, so the replies are in the response. */
async function emulatorCustomer(url: string, k: number, until: number, figures: CustomerFigures): Promise<void> {
  const conversation = `customer-${k}-${Math.random().toString(36).slice(2)}`;
  for (let n = 0; Date.now() < until; n++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'X-Forwarded-For': customerAddress(k), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m-${n}`,
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        deliveryMode: 'expectReplies',
        from: { id: `customer-${k}`, name: 'customer' },
        recipient: { id: 'sportello', name: 'sportello' },
        conversation: { id: conversation },
        locale: 'en-US',
        text: QUESTIONS[n % QUESTIONS.length],
      }),
    }).catch(() => undefined);
    const body = response?.status === 200 ? ((await response.json().catch(() => undefined)) as { activities?: unknown[] } | undefined) : await response?.arrayBuffer().then(() => undefined);
    record(figures, response?.status, started, (body?.activities?.length ?? 0) > 0);
    await sleep(THINK_MS);
  }
}

/** A widget customer: starts a Direct Line conversation, posts, then reads the log after its own message for the reply. */
async function widgetCustomer(url: string, k: number, until: number, figures: CustomerFigures): Promise<void> {
  const headers = { 'X-Forwarded-For': customerAddress(k), 'Content-Type': 'application/json' };
  const base = `${url}/v3/directline/conversations`;
  const started = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ locale: 'en-US' }) }).catch(() => undefined);
  if (started?.status !== 201) {
    // The customer could not even open the chat: a refusal (or failure) of their first turn.
    record(figures, started?.status, performance.now(), false);
    return;
  }
  const { conversationId, token } = (await started.json()) as { conversationId: string; token?: string };
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  for (let n = 0; Date.now() < until; n++) {
    const begun = performance.now();
    // The POST answers once the turn ran and its replies are logged, so the reply is readable right after.
    const posted = await fetch(`${base}/${conversationId}/activities`, {
      method: 'POST',
      headers: { ...headers, ...auth },
      body: JSON.stringify({ type: 'message', text: QUESTIONS[n % QUESTIONS.length], locale: 'en-US', from: { id: `widget-${k}` } }),
    }).catch(() => undefined);
    let answered = false;
    if (posted?.status === 200) {
      const { id } = (await posted.json()) as { id: string };
      // Ids are `<conversation>|<seq>`: the sequence is the watermark just before the echo.
      const afterEcho = Number(id.split('|').pop());
      const read = await fetch(`${base}/${conversationId}/activities?watermark=${afterEcho}`, { headers: { ...headers, ...auth } }).catch(() => undefined);
      const set = read?.status === 200 ? ((await read.json()) as { activities: Array<{ from?: { role?: string } }> }) : undefined;
      answered = set?.activities.some((a) => a.from?.role === 'bot') ?? false;
      if (!answered && read && read.status !== 200) return void record(figures, read.status, begun, false);
    } else await posted?.arrayBuffer();
    record(figures, posted?.status, begun, answered);
    await sleep(THINK_MS);
  }
}

/** `count` customers (alternately widget and Emulator), starting a little apart, until `until`. */
export async function customers(url: string, count: number, until: number): Promise<CustomerFigures> {
  const figures: CustomerFigures = { answeredMs: [], refused: 0, failed: 0 };
  await Promise.all(
    Array.from({ length: count }, async (_, k) => {
      await sleep((k * THINK_MS) / count);
      await (k % 2 === 0 ? widgetCustomer : emulatorCustomer)(url, k, until, figures);
    }),
  );
  return figures;
}
