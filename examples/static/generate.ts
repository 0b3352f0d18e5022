import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// #region generate
/** Writes the files the service publishes: a report, a data export and a small site. */
export function generateFiles(directory: string): void {
  mkdirSync(join(directory, "reports"), { recursive: true });
  mkdirSync(join(directory, "site"), { recursive: true });
  const rows = [
    ["model", "requests", "p95_ms"],
    ["small", "1200", "85"],
    ["large", "310", "640"],
  ];
  writeFileSync(
    join(directory, "reports", "usage.csv"),
    `${rows.map((row) => row.join(",")).join("\n")}\n`,
  );
  writeFileSync(join(directory, "reports", "summary.json"), JSON.stringify({ models: 2 }));
  writeFileSync(join(directory, "site", "index.html"), "<h1>Inference API</h1>\n");
  writeFileSync(join(directory, "site", "404.html"), "<h1>No such page</h1>\n");
}
// #endregion generate
