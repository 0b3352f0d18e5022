import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const docs = join(import.meta.dirname, "../../docs");
const index = readFileSync(join(docs, "index.md"), "utf8");
const linked = new Set([...index.matchAll(/\]\(([^)#\s]+\.md)\)/g)].map((match) => match[1]));
const pages = readdirSync(docs, { recursive: true })
  .filter((name): name is string => typeof name === "string" && name.endsWith(".md"))
  .map((name) => name.split("\\").join("/"))
  .filter((name) => name !== "index.md")
  .sort();

describe("docs/index.md", () => {
  it.each(pages)("links %s", (page) => {
    expect(linked).toContain(page);
  });

  it("links only pages that exist", () => {
    expect([...linked].filter((link) => !pages.includes(link!))).toEqual([]);
  });
});
