import { z } from "zod";
import { App, EventSourceResponse, Query, ServerSentEvent } from "../../src/index.js";

// #region tokens
const Token = z.object({ index: z.number().int(), text: z.string() }).meta({ id: "Token" });

export const app = new App({ title: "Token stream" });

// each yielded item is validated by `response` and sent as `data: {...}`; an idle stream gets
// a `: ping` comment every `keepAlive` ms (15 s unless set)
app.get(
  "/v1/stream",
  {
    params: { prompt: Query(z.string().min(1)) },
    response: Token,
    responseClass: EventSourceResponse,
    keepAlive: 10_000,
  },
  async function* ({ prompt }) {
    const words = prompt.split(" ");
    for (const [index, text] of words.entries()) {
      yield new ServerSentEvent({ event: "token", id: index, data: { index, text } });
    }
    yield new ServerSentEvent({ rawData: "[DONE]" });
  },
);
// #endregion tokens
