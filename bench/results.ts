import type { ClassifierComparison } from './classifier-bench.js';
import type { CompiledStartFigures } from './compiled-start.js';
import type { HttpFigures } from './http-turn.js';
import type { RestartFigures } from './restart-start.js';

/** Everything one `npm run bench` measured; written as JSON under bench/results/. */
export interface BenchResults {
  /** ISO date and time the run started. */
  startedAt: string;
  /** Wall-clock seconds the whole run took. */
  elapsedSeconds: number;
  machine: {
    cores: number;
    cpu: string;
    memoryGb: number;
    node: string;
    /** 1-minute load average at start and end: other work on the machine makes absolute figures noisy. */
    loadAverage: { start: number; end: number };
  };
  /** The held-out set and the project's knowledge base. */
  understanding: ClassifierComparison & { messagesFile: string };
  /** The same on a synthetic knowledge base (synthetic held-out phrasings plus the held-out `none` messages). */
  scale: ClassifierComparison;
  http: HttpFigures;
  /** The compiled bot (`node build/index.js`), cold: start to first reply, memory after start. */
  compiled?: CompiledStartFigures;
  /** The same, warm: the understanding trained beforehand by `npm run train`, as the container image does. */
  compiledWarm?: CompiledStartFigures;
  /** The understander's start-up in a new process that loads the trained models a first start left (bench/restart-start.ts). */
  restart?: { ten: RestartFigures; scale: RestartFigures };
}
