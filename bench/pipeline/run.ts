// Runs every pipeline micro-benchmark (bench/pipeline/*.bench.ts) one after another, each in its
// own child process so one benchmark's JIT state and heap cannot colour the next.
//   npx tsx bench/pipeline/run.ts [name-filter]
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (filter === undefined || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no bench/pipeline/*.bench.ts${filter ? ` matching "${filter}"` : ""}`);
  process.exit(2);
}

const failed: string[] = [];
for (const file of files) {
  console.log(`\n=== bench/pipeline/${file} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", `${dir}${file}`], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed.push(`${file} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`\nran ${files.length} pipeline benchmarks`);
