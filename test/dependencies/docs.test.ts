import { readFileSync } from "node:fs";
import { TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { app as basicsApp } from "../../examples/dependencies/basics.js";

const root = new URL("../../", import.meta.url);
const pages = [
  "docs/dependencies.md",
  "docs/sub-dependencies.md",
  "docs/yield-dependencies.md",
  "docs/app-scoped-dependencies.md",
  "docs/testing-overrides.md",
];

/** the lines between `// #region name` and `// #endregion name`, dedented */
function region(file: string, name: string): string {
  const lines = readFileSync(new URL(file, root), "utf8").split("\n");
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${name}`);
  if (start === -1 || end <= start) throw new Error(`${file} has no region "${name}"`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(
    ...body
      .filter((line) => line.trim() !== "")
      .map((line) => line.length - line.trimStart().length),
  );
  return body
    .map((line) => line.slice(indent))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

describe("dependency docs pages", () => {
  for (const page of pages) {
    it(`${page} shows code copied verbatim from its tested example regions`, () => {
      const text = readFileSync(new URL(page, root), "utf8");
      const blocks = [...text.matchAll(/<!-- region: (\S+?)#(\S+?) -->\n```ts\n([\s\S]*?)\n```/g)];
      expect(blocks.length).toBeGreaterThan(0);
      for (const [, file, name, code] of blocks) expect(code).toBe(region(file!, name!));
    });
  }

  it("answers the 422 the dependencies page quotes for an out-of-range shared param", async () => {
    const r = await new TestClient(basicsApp).get("/items?limit=0");
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        {
          type: "greater_than_equal",
          loc: ["query", "limit"],
          msg: "Input should be greater than or equal to 1",
          input: "0",
          ctx: { ge: 1 },
        },
      ],
    });
  });
});
