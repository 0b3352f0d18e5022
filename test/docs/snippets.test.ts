import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { includedRegions, syncPage } from "../../scripts/docs-snippets.js";

const root = join(import.meta.dirname, "..", "..");
const pages = readdirSync(join(root, "docs"), { recursive: true })
  .filter((name): name is string => typeof name === "string" && name.endsWith(".md"))
  .sort();

describe("documentation pages", () => {
  it.each(pages)("docs/%s shows code exactly as its tested example has it", (name) => {
    const page = readFileSync(join(root, "docs", name), "utf8");
    // `npm run docs:sync` rewrites the blocks when an example changes
    expect(page).toBe(syncPage(root, page));
  });

  it("include only files under examples/", () => {
    for (const name of pages) {
      const page = readFileSync(join(root, "docs", name), "utf8");
      for (const { file } of includedRegions(page)) expect(file.startsWith("examples/")).toBe(true);
    }
  });
});
