import { readJsonLines, readServerSentEvents } from "tailor/client";
import { describe, expect, it } from "vitest";

/** A body delivered in exactly these chunks, to test frames split anywhere. */
function bodyOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("readServerSentEvents", () => {
  it("joins data lines with newlines, skips comments and keeps the last id", async () => {
    const messages = await collect(
      readServerSentEvents(
        bodyOf(
          ": ping\n",
          "event: note\ndata: first\ndata: second\nid: 7\nretry: 1500\n\n",
          'data: {"a":1}\n\n',
        ),
      ),
    );
    expect(messages).toEqual([
      { data: "first\nsecond", event: "note", id: "7", retry: 1500 },
      { data: { a: 1 }, event: undefined, id: "7", retry: undefined },
    ]);
  });

  it("accepts CRLF and CR line ends, even when a chunk ends between CR and LF", async () => {
    const messages = await collect(
      readServerSentEvents(bodyOf("data: 1\r", "\n\r", "\ndata:2\r\rdata: 3\n\n")),
    );
    expect(messages.map((message) => message.data)).toEqual([1, 2, 3]);
  });

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode('data: "héllo"\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8)); // splits the two bytes of "é"
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    expect((await collect(readServerSentEvents(body)))[0]?.data).toBe("héllo");
  });

  it("dispatches nothing for an event without data, nor for an unfinished last event", async () => {
    expect(await collect(readServerSentEvents(bodyOf("event: x\n\n", "data: cut")))).toEqual([]);
  });
});

describe("readJsonLines", () => {
  it("parses one JSON value per line, whatever the chunking, skipping blank lines", async () => {
    const items = await collect(readJsonLines(bodyOf('{"a":', '1}\n\n[1,2]\r\n"x"')));
    expect(items).toEqual([{ a: 1 }, [1, 2], "x"]);
  });

  it("cancels the body when the loop stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("1\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const item of readJsonLines(body)) {
      expect(item).toBe(1);
      break;
    }
    expect(cancelled).toBe(true);
  });
});
