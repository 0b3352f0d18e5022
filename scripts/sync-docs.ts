// Rewrites the code blocks of docs/*.md from the example regions they include.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { syncPage } from "./docs-snippets.js";

const root = join(import.meta.dirname, "..");
for (const name of readdirSync(join(root, "docs"), { recursive: true })) {
  if (typeof name !== "string" || !name.endsWith(".md")) continue;
  const path = join(root, "docs", name);
  const page = readFileSync(path, "utf8");
  const synced = syncPage(root, page);
  if (synced !== page) {
    writeFileSync(path, synced);
    console.log(`updated docs/${name}`);
  }
}
