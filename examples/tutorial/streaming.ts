import { z } from "zod";
import { App, EventSourceResponse, ServerSentEvent, StreamingResponse } from "../../src/index.js";

export const app = new App();

// #region streaming
async function* tokens(prompt: string) {
  for (const token of prompt.split(" ")) yield `${token}\n`;
}

app.get("/stream", {}, function stream() {
  return new StreamingResponse(tokens("streamed token by token"), { mediaType: "text/plain" });
});

app.get("/events", {}, function events(_args, ctx) {
  return new EventSourceResponse(
    (async function* () {
      for (let index = 0; index < 3; index++) {
        if (ctx.signal.aborted) return; // the client went away: stop generating
        yield { index, text: `token ${index}` };
      }
      yield new ServerSentEvent({ rawData: "[DONE]" });
    })(),
  );
});
// #endregion streaming

// #region json-lines
const Token = z.object({ index: z.number().int(), text: z.string() });

// A generator handler streams JSON Lines: one compact JSON value per line, each validated and
// filtered by the response schema (`score` is not declared, so it is not sent).
app.get("/tokens.jsonl", { response: Token }, async function* tokenLines() {
  const words = ["streamed", "as", "lines"];
  for (let index = 0; index < words.length; index++) {
    yield { index, text: words[index]!, score: 0.9 };
  }
});
// #endregion json-lines
