import { describe, expect, it } from "vitest";
import { mapItems } from "../../src/responses/map-items.js";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const double = (n: unknown) => (n as number) * 2;

describe("mapItems", () => {
  it("maps every item of an async iterable in order", async () => {
    async function* source() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await collect(mapItems(source(), double))).toEqual([2, 4, 6]);
  });

  it("awaits the promises a sync iterable holds, as for await does", async () => {
    expect(await collect(mapItems([1, Promise.resolve(2), 3], double))).toEqual([2, 4, 6]);
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
    const iterator = mapItems(source(), double)[Symbol.asyncIterator]();
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
    const syncIterator = mapItems(syncSource(), double)[Symbol.asyncIterator]();
    await syncIterator.next();
    await syncIterator.return?.();
    expect(syncClosed).toBe(true);
  });

  it("rejects next() with the source's error", async () => {
    async function* source() {
      yield 1;
      throw new Error("model crashed");
    }
    const iterator = mapItems(source(), double)[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.next()).rejects.toThrow("model crashed");
    await expect(
      collect(mapItems([Promise.reject(new Error("bad item"))], double)),
    ).rejects.toThrow("bad item");
  });

  it("closes the source when map throws, as a for await loop does", async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    const failing = mapItems(source(), () => {
      throw new Error("item does not fit");
    });
    await expect(collect(failing)).rejects.toThrow("item does not fit");
    await expect.poll(() => closed).toBe(true);
  });
});
