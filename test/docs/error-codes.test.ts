import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrorCodes } from "../../src/errors/config-error.js";

const page = readFileSync(join(import.meta.dirname, "../../docs/reference/errors.md"), "utf8");
const documented = new Set([...page.matchAll(/^\| `(E_[A-Z_]+)`/gm)].map((match) => match[1]));

describe("docs/reference/errors.md", () => {
  it.each(Object.keys(ConfigErrorCodes))("has a table row for %s", (code) => {
    expect(documented).toContain(code);
  });

  it("documents no code that ConfigError cannot carry", () => {
    expect([...documented].filter((code) => !(code! in ConfigErrorCodes))).toEqual([]);
  });
});
