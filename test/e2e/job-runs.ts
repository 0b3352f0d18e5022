import { expect } from "vitest";

/**
 * Checks a run log against the jobs the API acknowledged: every acknowledged job finished
 * `done`, its `attempts` count its runs, and each run after the first began after a kill that
 * came after the previous run started, so only jobs in flight at a crash ran again.
 */
export function expectOnlyInFlightRerun(
  logText: string,
  records: Map<string, { status: string; attempts: number }>,
): { reruns: number; kills: number } {
  const runs = new Map<string, number[]>(); // job id -> line numbers of its starts
  const kills: number[] = [];
  const lines = logText.split("\n");
  lines.forEach((line, index) => {
    const [word, id] = line.split(" ");
    if (word === "kill") kills.push(index);
    if (word === "start") runs.set(id!, [...(runs.get(id!) ?? []), index]);
  });
  let reruns = 0;
  for (const [id, record] of records) {
    expect(record.status, `job ${id}`).toBe("done");
    const starts = runs.get(id) ?? [];
    // a crash between the lease and the handler's first line is an attempt without a start
    expect(starts.length, `runs of job ${id}`).toBeGreaterThanOrEqual(1);
    expect(starts.length, `runs of job ${id}`).toBeLessThanOrEqual(record.attempts);
    expect(record.attempts - starts.length, `unlogged attempts of ${id}`).toBeLessThanOrEqual(
      kills.length,
    );
    for (let i = 1; i < starts.length; i += 1) {
      const killedBetween = kills.some((kill) => kill > starts[i - 1]! && kill < starts[i]!);
      expect(killedBetween, `job ${id} ran again without a crash in between`).toBe(true);
      reruns += 1;
    }
  }
  return { reruns, kills: kills.length };
}
