import { z } from "zod";
import { App, Cookie, HTTPException } from "../../src/index.js";

export const app = new App();

// #region read
app.get(
  "/me",
  {
    params: {
      session: Cookie(z.string().optional()),
      theme: Cookie(z.enum(["light", "dark"]).default("light")),
      ads_id: Cookie(z.string().optional(), { alias: "__Host-ads" }),
    },
  },
  function readCookies({ session, theme, ads_id }) {
    if (session === undefined) throw new HTTPException(401, "Not logged in");
    return { session, theme, ads_id: ads_id ?? null };
  },
);
// #endregion read

// #region write
app.post("/login", {}, function logIn(_args, ctx) {
  ctx.response.setCookie("sid", "abc", { httpOnly: true });
  ctx.response.setCookie("theme", "dark", {
    maxAge: 60 * 60 * 24 * 365, // seconds
    expires: new Date("2030-01-01T00:00:00Z"),
    path: "/",
    domain: "example.com",
    secure: true,
    httpOnly: false,
    sameSite: "strict",
  });
  ctx.response.setCookie("__Host-ads", "a1", { secure: true, sameSite: "none", partitioned: true });
  return { logged_in: true };
});
// #endregion write

// #region delete
app.post("/logout", {}, function logOut(_args, ctx) {
  ctx.response.deleteCookie("sid");
  ctx.response.deleteCookie("theme", { domain: "example.com", secure: true, sameSite: "strict" });
  return { logged_in: false };
});
// #endregion delete
