import { App, CORSMiddleware } from "../../src/index.js";

// #region cors
export const app = new App();

app.addMiddleware(
  new CORSMiddleware({
    allowOrigins: ["https://app.example.com"],
    allowCredentials: true, // cookies and Authorization headers
    allowMethods: ["*"],
    allowHeaders: ["*"],
    exposeHeaders: ["X-Request-Id"],
  }),
);

app.get("/items", {}, (_args, ctx) => {
  ctx.response.headers.set("x-request-id", "42");
  return [{ name: "Portal Gun" }];
});
// #endregion cors
