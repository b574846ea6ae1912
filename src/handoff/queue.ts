/** Where a case stands in the queue, and how long the customer may wait: from what recent customers waited. */
export interface QueuePlace {
  position: number;
  /** Whole minutes, at least 1. */
  minutes: number;
}

// Before any case was taken there is no history: a couple of minutes a place is a fair promise.
const DEFAULT_WAIT_SECONDS = 120;

export function queuePlace(queued: readonly string[], caseId: string, recentWaits: readonly number[]): QueuePlace | undefined {
  const index = queued.indexOf(caseId);
  if (index < 0) return undefined;
  const sorted = [...recentWaits].sort((a, b) => a - b);
  // The median: one case forgotten over lunch should not make every promise an hour.
  const perPlace = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : DEFAULT_WAIT_SECONDS;
  return { position: index + 1, minutes: Math.max(1, Math.ceil(((index + 1) * perPlace) / 60)) };
}
