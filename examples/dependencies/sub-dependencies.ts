/** Sub-dependencies, the per-request cache, and OAuth2-style scopes with Security. */

import {
  App,
  Cookie,
  Depends,
  dependency,
  Header,
  HTTPException,
  Query,
  Security,
  SecurityScopes,
} from "tailor";
import { z } from "zod";

export const app = new App({ title: "Sub-dependencies" });

// #region chain
const queryExtractor = dependency({ q: Query(z.string().optional()) }, ({ q }) => q);

const queryOrCookie = dependency(
  { q: Depends(queryExtractor), last_query: Cookie(z.string().optional()) },
  ({ q, last_query }) => q ?? last_query,
);

app.get("/items", { params: { query: Depends(queryOrCookie) } }, ({ query }) => ({
  q_or_cookie: query ?? null,
}));
// #endregion chain

// #region cache
let calls = 0;
const counter = dependency({}, () => ++calls);
const viaCounter = dependency({ value: Depends(counter) }, ({ value }) => value);

// `counter` is used twice: directly and through `viaCounter`. It runs once per request…
app.get("/cached", { params: { a: Depends(counter), b: Depends(viaCounter) } }, (args) => args);

// …unless a use opts out of the cache, which calls it again.
app.get(
  "/uncached",
  { params: { a: Depends(counter, { useCache: false }), b: Depends(viaCounter) } },
  (args) => args,
);
// #endregion cache

// #region scopes
const grants: Record<string, string[]> = { "alice-token": ["me", "items"], "bob-token": ["me"] };

const currentUser = dependency(
  { required: SecurityScopes(), authorization: Header(z.string().optional()) },
  ({ required, authorization }) => {
    const token = authorization?.replace(/^Bearer /, "") ?? "";
    const granted = grants[token];
    const challenge = { "WWW-Authenticate": `Bearer scope="${required.scopeStr}"` };
    if (granted === undefined) throw new HTTPException(401, "Not authenticated", challenge);
    for (const scope of required.scopes) {
      if (!granted.includes(scope))
        throw new HTTPException(401, "Not enough permissions", challenge);
    }
    return { username: token.replace("-token", ""), scopes: granted };
  },
);

// every user of `activeUser` needs "me"; routes add what they need on top
const activeUser = dependency(
  { user: Security(currentUser, { scopes: ["me"] }) },
  ({ user }) => user,
);

app.get("/users/me", { params: { user: Depends(activeUser) } }, ({ user }) => user);

app.get(
  "/users/me/items",
  { params: { user: Security(activeUser, { scopes: ["items"] }) } },
  ({ user }) => [{ item_id: "Foo", owner: user.username }],
);
// #endregion scopes
