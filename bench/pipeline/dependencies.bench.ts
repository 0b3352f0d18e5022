/**
 * Per-request cost of a route with a 5-dependency graph (two async, one async generator, two
 * sync) against the same route without dependencies, through `app.handle` with a minimal
 * context — no socket, no Web Request. Teardown (run after the response) is included.
 *
 * Run: npx tsx bench/pipeline/dependencies.bench.ts
 */
import { bench, group, run, summary } from "mitata";
import { z } from "zod";
import { runAfterSend } from "../../src/http/after-send.js";
import { App, Depends, dependency, Header, Query } from "../../src/index.js";
import { createRequestContext } from "../../src/testing/request-context.js";

const settings = dependency({}, () => ({ maxTokens: 256 }));
const session = dependency({}, async function* () {
  const db = { open: true };
  try {
    yield db;
  } finally {
    db.open = false;
  }
});
const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, async ({ key }) => ({
  key,
}));
const user = dependency({ db: Depends(session), auth: Depends(apiKey) }, async ({ auth }) => ({
  id: 1,
  key: auth.key,
}));
const quota = dependency(
  { user: Depends(user), settings: Depends(settings) },
  ({ user, settings }) => settings.maxTokens - user.id,
);

const app = new App();
app.get(
  "/plain/{id}",
  {
    params: {
      id: z.number().int(),
      q: Query(z.string()),
      key: Header(z.string(), { alias: "x-api-key" }),
    },
  },
  ({ id, q }) => ({ id, q }),
);
app.get(
  "/deps/{id}",
  {
    params: {
      id: z.number().int(),
      q: Query(z.string()),
      quota: Depends(quota),
      user: Depends(user),
    },
  },
  ({ id, q, quota }) => ({ id, q, quota }),
);
app.compile();

const headers = { host: "bench", "x-api-key": "k-123" };
const logError = (message: string, error: unknown) => console.error(message, error);

async function request(url: string): Promise<void> {
  const ctx = createRequestContext("GET", url, headers);
  const response = await app.handle(ctx);
  if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
  await runAfterSend(ctx, logError);
}

await request("/plain/1?q=x");
await request("/deps/1?q=x");

summary(() => {
  group("GET through app.handle", () => {
    bench("route without dependencies", () => request("/plain/1?q=x"));
    bench("route with a 5-dependency graph", () => request("/deps/1?q=x"));
  });
});

await run();
