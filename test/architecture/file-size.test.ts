import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_LINES, SIZE_EXCEPTIONS } from "./layers.js";

const root = join(import.meta.dirname, "..", "..");
const FOLDERS = ["src", "test", "examples", "bench", "scripts"];

function codeFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true })
      .filter((name): name is string => typeof name === "string" && /\.(ts|tsx|mts)$/.test(name))
      .map((name) => `${folder}/${name.split(sep).join("/")}`),
  ).filter((file) => !file.includes("/node_modules/") && !file.includes("__snapshots__"));
}

function lineCount(file: string): number {
  return readFileSync(join(root, file), "utf8").trimEnd().split("\n").length;
}

describe(`files stay under ${MAX_LINES} lines`, () => {
  it("except the named exceptions", () => {
    const tooLong = codeFiles()
      .filter((file) => SIZE_EXCEPTIONS[file] === undefined && lineCount(file) > MAX_LINES)
      .map((file) => `${file}: ${lineCount(file)} lines`);
    expect(tooLong).toEqual([]);
  });

  it("names only exceptions that exist and still need to be one", () => {
    const files = new Set(codeFiles());
    for (const file of Object.keys(SIZE_EXCEPTIONS)) {
      expect(files.has(file), file).toBe(true);
      expect(lineCount(file), file).toBeGreaterThan(MAX_LINES);
    }
  });
});
