import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_DOCUMENTS } from "./examples.js";

const EXAMPLES = join(import.meta.dirname, "../../examples");
// `export const app = new App(` or `export function createApp(): App {`
const APP_EXPORT = /export (?:const (\w+) = new App\(|function (\w+)\([^)]*\): App\b)/g;

function exportedApps(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(EXAMPLES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    for (const match of readFileSync(file, "utf8").matchAll(APP_EXPORT)) {
      found.push(`${relative(EXAMPLES, file)}#${match[1] ?? match[2]}`);
    }
  }
  return found.sort();
}

describe("the example documents list", () => {
  it("covers every app and app factory the examples export", () => {
    const listed = new Set(EXAMPLE_DOCUMENTS.map((example) => example.source));
    const exported = exportedApps();
    expect(exported.length).toBeGreaterThanOrEqual(28);
    expect(exported.filter((source) => !listed.has(source))).toEqual([]);
    expect([...listed].filter((source) => !exported.includes(source))).toEqual([]);
  });
});
