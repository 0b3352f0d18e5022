import { describe, expect, it } from "vitest";
import { mapEvents } from "../../src/responses/map-events.js";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const double = (n: unknown) => (n as number) * 2;

describe("mapEvents", () => {
  it("maps every item of an async iterable in order", async () => {
    async function* source() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await collect(mapEvents(source(), double))).toEqual([2, 4, 6]);
  });

  it("awaits the promises a sync iterable holds, as for await does", async () => {
    expect(await collect(mapEvents([1, Promise.resolve(2), 3], double))).toEqual([2, 4, 6]);
  });

  it("passes return() on to the source so its finally block runs", async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    const iterator = mapEvents(source(), double)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 2 });
    await iterator.return?.();
    expect(closed).toBe(true);
    let syncClosed = false;
    function* syncSource() {
      try {
        yield 1;
        yield 2;
      } finally {
        syncClosed = true;
      }
    }
    const syncIterator = mapEvents(syncSource(), double)[Symbol.asyncIterator]();
    await syncIterator.next();
    await syncIterator.return?.();
    expect(syncClosed).toBe(true);
  });

  it("rejects next() with the source's error", async () => {
    async function* source() {
      yield 1;
      throw new Error("model crashed");
    }
    const iterator = mapEvents(source(), double)[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.next()).rejects.toThrow("model crashed");
    await expect(
      collect(mapEvents([Promise.reject(new Error("bad item"))], double)),
    ).rejects.toThrow("bad item");
  });
});
