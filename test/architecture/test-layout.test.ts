import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CROSS_CUTTING_TESTS } from "./layers.js";

const root = join(import.meta.dirname, "..", "..");
const foldersOf = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe("test/ mirrors src/", () => {
  it("has a folder per src/ module, or one of the named cross-module suites", () => {
    const modules = new Set(foldersOf("src"));
    const strays = foldersOf("test").filter(
      (folder) => !modules.has(folder) && CROSS_CUTTING_TESTS[folder] === undefined,
    );
    expect(strays).toEqual([]);
  });

  it("names no cross-module suite that shadows a module", () => {
    const modules = new Set(foldersOf("src"));
    expect(Object.keys(CROSS_CUTTING_TESTS).filter((name) => modules.has(name))).toEqual([]);
  });
});
