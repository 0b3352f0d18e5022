/** Generator dependencies: a session that stays open while a response streams. */

import { App, Depends, dependency, HTTPException, StreamingResponse } from "tailor";
import { z } from "zod";

/** what happened, in order: the tests and the docs timeline read it */
export const events: string[] = [];

// #region session
class Session {
  open = true;
  constructor(readonly rows: Map<number, string>) {}
  get(id: number): string | undefined {
    if (!this.open) throw new Error("session is closed");
    return this.rows.get(id);
  }
}
const rows = new Map([
  [1, "Portal Gun"],
  [2, "Plumbus"],
]);

const getSession = dependency({}, async function* getSession() {
  const session = new Session(rows);
  events.push("session opened");
  try {
    yield session;
    events.push("session committed");
  } catch (error) {
    events.push(`session rolled back (${(error as Error).message})`);
    throw error;
  } finally {
    session.open = false;
    events.push("session closed");
  }
});
// #endregion session

export const app = new App({ title: "Dependencies with yield" });

// #region routes
app.get(
  "/items/{item_id}",
  { params: { item_id: z.number().int(), session: Depends(getSession) } },
  ({ item_id, session }, ctx) => {
    const name = session.get(item_id);
    if (name === undefined) throw new HTTPException(404, "Item not found");
    ctx.background.add(() => events.push("background task ran"));
    return { item_id, name };
  },
);

app.get("/items", { params: { session: Depends(getSession) } }, ({ session }) => {
  return new StreamingResponse(
    (async function* () {
      for (const id of [1, 2]) {
        yield `${id}: ${session.get(id)}\n`; // the session is still open while streaming
      }
    })(),
    { mediaType: "text/plain" },
  );
});
// #endregion routes

// #region function-scope
const lock = dependency(
  {},
  function* lock() {
    events.push("lock taken");
    yield "lock";
    events.push("lock released");
  },
  { scope: "function" },
);

app.post("/reindex", { params: { lock: Depends(lock) } }, () => {
  events.push("reindexing");
  return { reindexed: true };
});
// #endregion function-scope
