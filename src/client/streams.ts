import type { ServerSentEventMessage } from "./infer.js";

/**
 * The lines of a byte stream, without their terminators ("\n", "\r\n" or "\r"). Breaking out of
 * the loop cancels the stream, so the server sees the client go away.
 */
async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // a "\r" at the end may be the first half of "\r\n": wait for the next chunk
      const complete = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
      let start = 0;
      for (let i = 0; i < complete; i++) {
        const code = buffer.charCodeAt(i);
        if (code !== 10 && code !== 13) continue;
        yield buffer.slice(start, i);
        if (code === 13 && buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
    }
    buffer += decoder.decode();
    if (buffer !== "") yield buffer.endsWith("\r") ? buffer.slice(0, -1) : buffer;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** `data` lines are JSON when the server encoded an item; anything else (`[DONE]`) stays text. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * Parses `text/event-stream` as the WHATWG EventSource does: `data` lines joined by "\n",
 * comments skipped, an event dispatched at each blank line, the last `id` carried over.
 * @example for await (const message of readServerSentEvents(response.body!)) console.log(message.data);
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEventMessage> {
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  let retry: number | undefined;
  for await (const line of readLines(body)) {
    if (line === "") {
      if (data.length > 0) yield { data: parseData(data.join("\n")), event, id, retry };
      data = [];
      event = undefined;
      retry = undefined;
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
  }
}

/**
 * Parses JSON Lines (`application/jsonl`): one JSON value per non-empty line.
 * @example for await (const item of readJsonLines(response.body!)) console.log(item);
 */
export async function* readJsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  for await (const line of readLines(body)) {
    if (line.trim() !== "") yield JSON.parse(line);
  }
}
