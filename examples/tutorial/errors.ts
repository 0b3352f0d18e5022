import { z } from "zod";
import { App, HTTPException, JSONResponse, Path, RequestValidationError } from "../../src/index.js";

export const app = new App();

// #region errors
const items = new Map([["foo", "The Foo Wrestlers"]]);

app.get(
  "/items/{item_id}",
  { params: { item_id: Path(z.string()) } },
  function readItem({ item_id }) {
    const item = items.get(item_id);
    if (item === undefined) {
      throw new HTTPException(404, "Item not found", { "X-Error": "There goes my error" });
    }
    return { item };
  },
);

class QuotaExceeded extends Error {
  constructor(readonly who: string) {
    super(`quota exceeded for ${who}`);
  }
}

app.exceptionHandler(QuotaExceeded, (_ctx, error) => {
  return new JSONResponse(
    { error: "quota", who: error.who },
    { status: 429, headers: { "retry-after": "30" } },
  );
});

app.get("/quota", {}, function quota() {
  throw new QuotaExceeded("alice");
});

// Reuse the default 422 body, but answer 400.
app.exceptionHandler(RequestValidationError, (_ctx, error) => {
  return new JSONResponse({ detail: error.errors }, { status: 400 });
});
// #endregion errors
