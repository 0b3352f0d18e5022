import { z } from "zod";
import { App, HTMLResponse, PlainTextResponse, RedirectResponse } from "../../src/index.js";

export const app = new App();

// #region responses
const UserIn = z.object({ username: z.string(), password: z.string(), email: z.string() });
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string().nullable().default(null),
});

// The response schema filters: the password never reaches the client.
app.post(
  "/users",
  { params: { user: UserIn }, response: UserOut, status: 201 },
  function createUser({ user }) {
    return user;
  },
);

app.delete("/users/{name}", { status: 204 }, function deleteUser() {
  // a 204 sends no body, whatever the handler returns
});

app.get("/hello.html", { responseClass: HTMLResponse }, function hello() {
  return "<h1>Hello</h1>";
});

app.get("/plain", {}, function plain() {
  return new PlainTextResponse("plain text");
});

app.get("/old", {}, function old() {
  return new RedirectResponse("/plain");
});

// ctx.response sets status, headers and cookies on the response the value becomes
app.get("/accepted", {}, function accepted(_args, ctx) {
  ctx.response.status = 202;
  ctx.response.headers.set("x-extra", "1");
  ctx.response.setCookie("sid", "abc", { httpOnly: true });
  return { accepted: true };
});
// #endregion responses

// #region filters
const Item = z.object({
  name: z.string(),
  price: z.number(),
  tax: z.number().default(10.5),
  internal_code: z.string().default("none"),
});

// responseExcludeDefaults drops fields equal to their declared default (set or not);
// responseExclude drops named fields whatever their value.
app.get(
  "/items/{name}",
  { response: Item, responseExcludeDefaults: true, responseExclude: ["internal_code"] },
  function readItem({ name }) {
    return { name, price: 2, tax: name === "taxed" ? 20 : 10.5, internal_code: "X-1" };
  },
);
// #endregion filters
