import { App } from "../../../src/index.js";

/** Mirrors json_basics: unicode, floats, big ints, a bare string. */
export function createJsonBasicsApp(): App {
  const app = new App();
  app.get("/unicode", {}, () => ({
    text: "héllo ✓ 日本",
    float: 1.0,
    big: 12345678901234567890n,
  }));
  app.get("/returns-str", {}, () => "hello");
  return app;
}
