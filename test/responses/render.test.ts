// A response schema's filters across the switch from the interpreter to the generated
// accept-path: exclude_unset, exclude_none, exclude_defaults and by-alias output stay the same.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, TestClient } from "../../src/index.js";
import { GENERATE_AFTER } from "../../src/schema/validator.js";

describe("a response schema's filters on every request", () => {
  it("keep FastAPI's output before and after the switch to generated validation", async () => {
    const Out = z.object({
      a: z.int().default(1),
      b: z.string().nullable().optional(),
      c: z.string().meta({ alias: "cee" }).optional(),
    });
    const app = new App();
    app.get("/unset", { response: Out, responseExcludeUnset: true }, () => ({ b: null }));
    app.get("/none", { response: Out, responseExcludeNone: true }, () => ({ b: null, c: "x" }));
    app.get("/defaults", { response: Out, responseExcludeDefaults: true }, () => ({
      a: 1,
      c: "x",
    }));
    app.get("/by-name", { response: Out, responseByAlias: false }, () => ({ c: "x" }));
    const client = new TestClient(app);
    for (let i = 0; i < GENERATE_AFTER * 2; i++) {
      expect(await (await client.get("/unset")).json()).toEqual({ b: null });
      expect(await (await client.get("/none")).json()).toEqual({ a: 1, cee: "x" });
      expect(await (await client.get("/defaults")).json()).toEqual({ cee: "x" });
      expect(await (await client.get("/by-name")).json()).toEqual({ a: 1, c: "x" });
    }
  });
});
