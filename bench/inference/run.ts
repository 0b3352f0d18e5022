/**
 * The inference service under load: retrieval search over N stored chunks, and requests per
 * second through the served app (local engine, no token latency) with autocannon.
 * `npx tsx bench/inference/run.ts` — writes nothing, prints a markdown table.
 */

import { createRequire } from "node:module";
import { serve } from "tailor";
import { createApp } from "../../examples/inference/app.js";
import { settingsFrom } from "../../examples/inference/core/config.js";
import { DocumentStore } from "../../examples/inference/services/document-store.js";
import { hashEmbedding } from "../../examples/inference/services/text.js";

interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  "2xx": number;
  non2xx: number;
}

// autocannon ships no types: the part used here
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  method: string;
  duration: number;
  connections: number;
  headers: Record<string, string>;
  body: string | undefined;
}) => Promise<LoadResult>;

const DIMENSIONS = 768;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function retrieval(chunks: number): Promise<string> {
  const store = new DocumentStore(":memory:");
  const started = performance.now();
  const perDocument = 50;
  for (let document = 0; document < chunks / perDocument; document++) {
    const rows = Array.from({ length: perDocument }, (_, index) => {
      const text = `document ${document} chunk ${index} about topic ${(document * 7 + index) % 97}`;
      return { text, embedding: hashEmbedding(text, DIMENSIONS) };
    });
    store.put({ id: `doc-${document}`, title: null, embeddingModel: "m" }, rows);
  }
  const ingestMs = performance.now() - started;
  const first = performance.now();
  store.search(hashEmbedding("warm up", DIMENSIONS), "m", 5); // loads the vectors from SQLite
  const firstMs = performance.now() - first;
  const times: number[] = [];
  for (let query = 0; query < 30; query++) {
    const vector = hashEmbedding(`topic ${query}`, DIMENSIONS);
    const start = performance.now();
    store.search(vector, "m", 5);
    times.push(performance.now() - start);
  }
  store.close();
  times.sort((a, b) => a - b);
  const warm = `${percentile(times, 50).toFixed(1)} ms p50, ${percentile(times, 99).toFixed(1)} ms p99`;
  const notes = `first search after a write ${firstMs.toFixed(0)} ms; storing them ${(ingestMs / 1000).toFixed(2)} s`;
  return `| search ${chunks} chunks × ${DIMENSIONS} dims | ${warm} | ${notes} |`;
}

async function load(url: string, title: string, body?: unknown): Promise<string> {
  const result = await autocannon({
    url,
    method: body === undefined ? "GET" : "POST",
    duration: SECONDS,
    connections: 10,
    headers: { authorization: "Bearer sk-dev-key-123", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const ok = result["2xx"];
  return `| ${title} | ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms | ${ok} × 2xx, ${result.non2xx} other |`;
}

const rows: string[] = [];
for (const chunks of [1_000, 10_000]) rows.push(await retrieval(chunks));

const settings = settingsFrom({
  LOCAL_TOKEN_LATENCY_MS: "0",
  DATABASE_PATH: ":memory:",
  RATE_LIMIT_PER_MINUTE: "0",
  LOG_LEVEL: "ERROR",
  MAX_CONCURRENT_REQUESTS: "10",
});
const server = await serve(createApp(settings), { port: 0 });
const messages = [{ role: "user", content: "Explain FastAPI" }];
rows.push(await load(`${server.url}/health`, "GET /health (reference)"));
rows.push(await load(`${server.url}/v1/models`, "GET /v1/models"));
rows.push(
  await load(`${server.url}/v1/completions`, "POST /v1/completions, 16 tokens", {
    prompt: "Explain FastAPI",
    max_tokens: 16,
  }),
);
rows.push(
  await load(`${server.url}/v1/chat/completions`, "POST /v1/chat/completions, 16 tokens", {
    model: "mistral-7b-instruct",
    messages,
    max_tokens: 16,
  }),
);
rows.push(
  await load(`${server.url}/v1/chat/completions`, "… stream: true, 16 chunks", {
    model: "mistral-7b-instruct",
    messages,
    max_tokens: 16,
    stream: true,
  }),
);
await server.close();

console.log("| scenario | result | notes |\n| --- | --- | --- |");
for (const row of rows) console.log(row);
