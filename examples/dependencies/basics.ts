/** Dependencies: shared params, side-effect dependencies on routes, routers and the app. */

import { APIRouter, App, Depends, dependency, Header, HTTPException, Query } from "tailor";
import { z } from "zod";

// #region common-params
const commonParams = dependency(
  {
    q: Query(z.string().optional()),
    skip: Query(z.number().int().min(0).default(0)),
    limit: Query(z.number().int().min(1).max(100).default(100)),
  },
  ({ q, skip, limit }) => ({ q: q ?? null, skip, limit }),
);
// #endregion common-params

// #region app
/** counts every request the app answers: an app-wide dependency run for its effect */
export const stats = { requests: 0 };
const countRequest = dependency({}, () => {
  stats.requests += 1;
});

export const app = new App({ title: "Dependencies", dependencies: [Depends(countRequest)] });

const items = [{ name: "Foo" }, { name: "Bar" }, { name: "Baz" }];

app.get("/items", { params: { commons: Depends(commonParams) } }, ({ commons }) => ({
  ...commons,
  items: items.slice(commons.skip, commons.skip + commons.limit),
}));

app.get("/users", { params: { commons: Depends(commonParams) } }, ({ commons }) => commons);
// #endregion app

// #region router-dependencies
const verifyToken = dependency({ x_token: Header(z.string()) }, ({ x_token }) => {
  if (x_token !== "fake-super-secret-token") throw new HTTPException(400, "X-Token header invalid");
});
const verifyKey = dependency({ x_key: Header(z.string()) }, ({ x_key }) => {
  if (x_key !== "fake-super-secret-key") throw new HTTPException(400, "X-Key header invalid");
  return x_key;
});

const admin = new APIRouter({ prefix: "/admin", dependencies: [Depends(verifyToken)] });
admin.get("/stats", { dependencies: [Depends(verifyKey)] }, () => stats);
app.includeRouter(admin);
// #endregion router-dependencies
