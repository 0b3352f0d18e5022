/** An app-scoped dependency: a model loaded once, shared by every request, unloaded at shutdown. */

import { App, Body, Depends, dependency } from "tailor";
import { z } from "zod";

export const lifecycle: string[] = [];

// #region model
interface SentimentModel {
  predict(text: string): { label: "positive" | "negative"; score: number };
}

async function loadWeights(): Promise<Set<string>> {
  await new Promise((resolve) => setImmediate(resolve)); // stands in for reading a large file
  return new Set(["good", "great", "love"]);
}

const getModel = dependency(
  {},
  async function* loadModel() {
    const positive = await loadWeights();
    lifecycle.push("model loaded");
    const model: SentimentModel = {
      predict(text) {
        const words = text.toLowerCase().split(/\W+/);
        const hits = words.filter((word) => positive.has(word)).length;
        return hits > 0
          ? { label: "positive", score: hits / words.length }
          : { label: "negative", score: 0 };
      },
    };
    yield model;
    lifecycle.push("model unloaded");
  },
  { scope: "app" },
);
// #endregion model

// #region app
export const app = new App({
  title: "Sentiment",
  lifespan: async function* () {
    lifecycle.push("startup");
    yield {};
    lifecycle.push("shutdown");
  },
});

app.post(
  "/predict",
  { params: { text: Body(z.string().min(1), { embed: true }), model: Depends(getModel) } },
  ({ text, model }) => model.predict(text),
);

// #endregion app

export { getModel };
