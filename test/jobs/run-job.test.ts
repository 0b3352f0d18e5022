import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, JobQueue, mountJob, serve, TestClient } from "../../src/index.js";
import { defineJob } from "../../src/jobs/define-job.js";
import { runJob } from "../../src/jobs/run-job.js";

const Summary = z.object({
  word_count: z.number().int().meta({ alias: "wordCount" }),
  top_word: z.string().meta({ alias: "topWord" }).optional(),
});

const summarize = defineJob("summarize", {
  input: z.object({ source_text: z.string().meta({ alias: "sourceText" }) }),
  output: Summary,
  handler: ({ source_text }) => {
    const words = source_text.split(" ");
    return { word_count: words.length, top_word: words[0] };
  },
});

const noop = async () => {};
const signal = new AbortController().signal;

describe("runJob", () => {
  it("checks the handler's output by field name, as a route's return value is", async () => {
    const outcome = await runJob("1", summarize, { sourceText: "a b c" }, signal, noop, 1);
    expect(outcome).toEqual({ ok: true, result: { word_count: 3, top_word: "a" } });
  });

  it("refuses an output keyed by aliases, without a retry", async () => {
    const wrong = defineJob("wrong-keys", {
      input: z.object({}),
      output: Summary,
      handler: () => ({ wordCount: 3 }) as never,
    });
    const outcome = await runJob("2", wrong, {}, signal, noop, 1);
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.ok ? "" : outcome.error).toContain("output.word_count");
  });
});

async function finishedRecord(queue: JobQueue, fetchJson: (path: string) => Promise<unknown>) {
  const worker = queue.work({ jobs: [summarize] });
  try {
    const accepted = (await fetchJson("POST /summaries")) as { id: string };
    for await (const event of queue.events(accepted.id)) if (event.status === "done") break;
    return await fetchJson(`GET /summaries/${accepted.id}`);
  } finally {
    await worker.close();
  }
}

function makeApp(queue: JobQueue) {
  const app = new App();
  mountJob(app, "/summaries", { queue, job: summarize });
  return app;
}

describe("a job whose output schema has aliases", () => {
  const expected = { status: "done", result: { wordCount: 2, topWord: "hello" } };

  it("serves its result under the aliases (TestClient)", async () => {
    const queue = new JobQueue({ path: ":memory:", pollInterval: 10 });
    const client = new TestClient(makeApp(queue));
    const record = await finishedRecord(queue, async (line) => {
      const [method, path] = line.split(" ") as [string, string];
      const response =
        method === "POST"
          ? await client.post(path, { body: { sourceText: "hello world" } })
          : await client.get(path);
      return response.json();
    });
    expect(record).toMatchObject(expected);
    await queue.close();
  });

  it("serves its result under the aliases (node:http)", async () => {
    const queue = new JobQueue({ path: ":memory:", pollInterval: 10 });
    const server = await serve(makeApp(queue), {
      port: 0,
      host: "127.0.0.1",
      keepAliveTimeout: 0.2,
    });
    try {
      const record = await finishedRecord(queue, async (line) => {
        const [method, path] = line.split(" ") as [string, string];
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "POST" ? JSON.stringify({ sourceText: "hello world" }) : undefined,
        });
        return response.json();
      });
      expect(record).toMatchObject(expected);
    } finally {
      await server.close();
      await queue.close();
    }
  });
});
