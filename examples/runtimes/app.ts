import { z } from "zod";
import { App, EventSourceResponse, Query } from "../../src/index.js";

// #region app
/** One app for every runtime: nothing in it names node, Bun or Deno. */
export function createApp(): App {
  const app = new App({ title: "Tokens" });
  app.get("/health", {}, (_args, ctx) => ({ status: "ok", client: ctx.client?.host ?? null }));
  app.get(
    "/tokens",
    { params: { n: Query(z.number().int().min(1).max(20).default(3)) } },
    ({ n }) => {
      return new EventSourceResponse(
        (async function* () {
          for (let i = 0; i < n; i++) yield { index: i, text: `token ${i}` };
        })(),
      );
    },
  );
  return app;
}
// #endregion app
