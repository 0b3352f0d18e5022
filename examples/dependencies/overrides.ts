/** Replacing a dependency in tests with app.dependencyOverrides. */

import { App, Body, Depends, dependency, TestClient } from "tailor";
import { z } from "zod";

// #region app
interface Completion {
  complete(prompt: string): Promise<string>;
}

/** the real client calls a remote model server */
export const getCompletion = dependency({}, function getCompletion(): Completion {
  return {
    async complete(prompt) {
      const r = await fetch("http://models.internal:9000/complete", {
        method: "POST",
        body: JSON.stringify({ prompt }),
      });
      return ((await r.json()) as { text: string }).text;
    },
  };
});

export const app = new App({ title: "Summaries" });

app.post(
  "/summarize",
  { params: { text: Body(z.string(), { embed: true }), llm: Depends(getCompletion) } },
  async ({ text, llm }) => ({ summary: await llm.complete(`Summarize: ${text}`) }),
);
// #endregion app

// #region override
const fakeCompletion = dependency(
  {},
  (): Completion => ({
    complete: async (prompt) => `fake summary of ${prompt.length} chars`,
  }),
);

export async function summarizeWithFake(text: string): Promise<unknown> {
  app.dependencyOverrides.set(getCompletion, fakeCompletion);
  try {
    const client = new TestClient(app);
    const r = await client.post("/summarize", { json: { text } });
    return await r.json();
  } finally {
    app.dependencyOverrides.clear(); // the next request uses the real client again
  }
}
// #endregion override
