import { z } from "zod";
import { APIRouter, App } from "../../src/index.js";

export const events: string[] = [];

// #region lifespan
interface Model {
  predict(text: string): string;
  unload(): Promise<void>;
}

async function loadModel(name: string): Promise<Model> {
  events.push(`loaded ${name}`);
  return {
    predict: (text) => text.split("").reverse().join(""),
    unload: async () => {
      events.push(`unloaded ${name}`);
    },
  };
}

export const app = new App({
  lifespan: async function* () {
    const model = await loadModel("reverse-1"); // startup: before the first request
    yield { model }; // becomes ctx.state.model in every request
    await model.unload(); // shutdown: server.close(), SIGTERM, client.close()
  },
});

const Prompt = z.object({ text: z.string() });

app.post("/predict", { params: { prompt: Prompt } }, ({ prompt }, ctx) => {
  const model: Model = ctx.state.model;
  return { prediction: model.predict(prompt.text) };
});
// #endregion lifespan

// #region on-event
// Ported from `@app.on_event("startup")` / `APIRouter(on_startup=[…])`: hooks run after the
// lifespan's startup and before the code after its `yield`, in registration order.
app.onEvent("startup", () => {
  events.push("cache primed");
});
app.onEvent("shutdown", () => {
  events.push("cache flushed");
});

const metrics = new APIRouter({ onStartup: [() => events.push("metrics registered")] });
app.includeRouter(metrics); // an included router's hooks join the app's
// #endregion on-event
