import { TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { app } from "../../examples/performance/jitless.js";
import { generateAccept } from "../../src/schema/generate.js";

describe("examples/performance/jitless.ts", () => {
  it("turns generated validators off", () => {
    expect(generateAccept(z.object({ text: z.string() }), "json", "alias")).toBeNull();
  });

  it("answers as with them: the response filtered, FastAPI's 422 for a bad body", async () => {
    const client = new TestClient(app);
    const created = await client.post("/completions", { json: { text: "hi" } });
    expect([created.status, await created.json()]).toEqual([
      201,
      { id: "cmpl-1", text: "HI", tokens: 2 },
    ]);
    const invalid = await client.post("/completions", { json: { text: "" } });
    expect([invalid.status, await invalid.json()]).toEqual([
      422,
      {
        detail: [
          {
            type: "string_too_short",
            loc: ["body", "text"],
            msg: "String should have at least 1 character",
            input: "",
            ctx: { min_length: 1 },
          },
        ],
      },
    ]);
  });
});
