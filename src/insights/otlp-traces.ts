import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging.js';
import type { EventSink, InsightEvent } from './event.js';

// Spans waiting to be sent are few and small; past this they are dropped, not queued forever.
const MAX_WAITING = 2_000;

/**
 * Each turn as an OpenTelemetry span, sent in the background to an OTLP/HTTP collector
 * (`<endpoint>/v1/traces`, the JSON encoding). No SDK: a turn is one span, and the protocol's
 * JSON form needs no more than this; a collector that is down is logged, never felt.
 */
export class OtlpTraces implements EventSink {
  private waiting: InsightEvent[] = [];
  private scheduled = false;
  private sending?: Promise<void>;

  constructor(
    private readonly endpoint: string,
    private readonly logger: Logger,
  ) {}

  record(event: InsightEvent): void {
    if (event.type !== 'turn' || this.waiting.length >= MAX_WAITING) return;
    this.waiting.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    this.scheduled = false;
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.sending = this.send(batch).finally(() => (this.sending = undefined));
    await this.sending;
  }

  private async send(batch: InsightEvent[]): Promise<void> {
    try {
      const response = await fetch(`${this.endpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tracesRequest(batch)),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`collector answered ${response.status}`);
    } catch (error) {
      this.logger.warn({ err: error, spans: batch.length }, 'traces: not sent to the OTLP collector');
    }
  }
}

const attribute = (key: string, value: string | number | undefined) =>
  value === undefined ? [] : [{ key, value: typeof value === 'number' ? { doubleValue: value } : { stringValue: value } }];

/** An OTLP ExportTraceServiceRequest (JSON) with one span per turn. */
export function tracesRequest(turns: readonly InsightEvent[]) {
  const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  return {
    resourceSpans: [
      {
        resource: { attributes: attribute('service.name', 'sportello') },
        scopeSpans: [
          {
            scope: { name: 'sportello' },
            spans: turns.map((turn) => ({
              traceId: randomBytes(16).toString('hex'),
              spanId: randomBytes(8).toString('hex'),
              name: 'sportello.turn',
              kind: 2,
              startTimeUnixNano: nanos(turn.at - (turn.latencyMs ?? 0)),
              endTimeUnixNano: nanos(turn.at),
              attributes: [
                ...attribute('sportello.conversation', turn.conversation),
                ...attribute('sportello.channel', turn.channel),
                ...attribute('sportello.language', turn.language),
                ...attribute('sportello.decision', turn.decision),
                ...attribute('sportello.entry', turn.entry),
                ...attribute('sportello.confidence', turn.confidence),
                ...attribute('sportello.tree', turn.tree),
                ...attribute('sportello.node', turn.node),
              ],
            })),
          },
        ],
      },
    ],
  };
}
