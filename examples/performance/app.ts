import { z } from "zod";
import {
  App,
  Body,
  Depends,
  dependency,
  Header,
  HTTPException,
  Path,
  Query,
} from "../../src/index.js";

export const app = new App({ title: "Fast paths" });

// #region sync
// A synchronous dependency and a synchronous handler: the request is validated, solved and
// answered in the same tick, with no promise made anywhere on the way.
const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, ({ key }) => {
  if (key !== "secret") throw new HTTPException(401, "Invalid API key");
  return key;
});

app.get(
  "/models/{model_id}",
  {
    params: {
      key: Depends(apiKey),
      model_id: Path(z.string().max(64)),
      limit: Query(z.number().int().min(1).max(100).default(10)),
    },
  },
  ({ model_id, limit }) => ({ model_id, limit }),
);
// #endregion sync

// #region async
// Only what really waits is async: one pending dependency costs one `.then`, not a chain of
// async frames, and the handler runs as soon as it settles.
const loadUser = dependency({ key: Depends(apiKey) }, async ({ key }) => {
  await new Promise((resolve) => setTimeout(resolve, 1)); // a database lookup
  return { name: "alice", key };
});

app.get("/me", { params: { user: Depends(loadUser) } }, ({ user }) => ({ name: user.name }));
// #endregion async

// #region response
// A response schema validates and filters what the handler returns: `internal_cost` never
// leaves the server. It costs one validation pass per response, about as much as
// JSON.stringify of the same value.
const Completion = z.object({ id: z.string(), text: z.string(), tokens: z.number().int() });

app.post(
  "/completions",
  {
    params: { prompt: Body(z.object({ text: z.string().min(1) })) },
    response: Completion,
    status: 201,
  },
  ({ prompt }) => ({
    id: "cmpl-1",
    text: prompt.text.toUpperCase(),
    tokens: prompt.text.length,
    internal_cost: 0.002,
  }),
);
// #endregion response
