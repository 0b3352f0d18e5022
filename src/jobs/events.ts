import type { JobBackend, JobRecord } from "./types.js";
import { FINAL_STATUSES } from "./types.js";

/** one `events(id)` item: the job's record whenever its status, attempts or progress changed */
export type JobEvent = JobRecord;

function sameState(a: JobRecord, b: JobRecord): boolean {
  return (
    a.status === b.status &&
    a.attempts === b.attempts &&
    JSON.stringify(a.progress) === JSON.stringify(b.progress)
  );
}

/**
 * The job's record now and after each change, ending after a final status (or at once when the
 * job is unknown). Changes made in this process wake the reader at once; changes made by another
 * process are seen at the backend's poll interval.
 */
export async function* watchJob(
  backend: JobBackend,
  id: string,
  signal?: AbortSignal,
): AsyncGenerator<JobEvent, void, undefined> {
  let wake: (() => void) | undefined;
  let pinged = false;
  const unsubscribe = backend.watch(id, () => {
    pinged = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    let last: JobRecord | null = null;
    while (!signal?.aborted) {
      pinged = false;
      const record = await backend.get(id);
      if (record === null) return;
      if (last === null || !sameState(last, record)) {
        last = record;
        yield record;
      }
      if (FINAL_STATUSES.has(record.status)) return;
      if (pinged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backend.pollInterval);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}
