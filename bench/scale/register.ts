// CPU time of Tailor's registration of the 1,000 routes of routes.ts, and of `app.compile()`,
// for builds of src/ side by side: one fresh child per build per round, rounds interleaved,
// min and median. CPU time (not the wall clock of startup.ts) moves less on a shared machine.
//   npx tsx bench/scale/register.ts [--rounds 7] [--builds /abs/build-a,/abs/build-b]
// A build is a folder `tsc -p tsconfig.build.json --outDir <folder>` emitted (default: the
// test-output/tailor-js that startup.ts emits).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type * as Tailor from "../../src/index.js";
import { buildRouteSchemas } from "./routes.js";
import { addScaleRoutes } from "./tailor-routes.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    builds: {
      type: "string",
      default: fileURLToPath(new URL("../../test-output/tailor-js", import.meta.url)),
    },
    child: { type: "string" },
  },
});

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

if (values.child !== undefined) {
  const { App, Body, Path, Query } = (await import(`${values.child}/index.js`)) as typeof Tailor;
  buildRouteSchemas(20); // Zod's own code warmed, as startup-child.ts does
  const routes = buildRouteSchemas();
  const t0 = cpuMs();
  const app = new App({ title: "scale" });
  addScaleRoutes({ Body, Path, Query }, app, routes);
  const t1 = cpuMs();
  app.compile();
  const t2 = cpuMs();
  console.log(JSON.stringify({ register: t1 - t0, compile: t2 - t1 }));
  process.exit(0);
}

const builds = values.builds.split(",");
const samples = new Map(builds.map((b) => [b, [] as { register: number; compile: number }[]]));
const self = fileURLToPath(import.meta.url);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const build of builds) {
    const out = execFileSync(process.execPath, ["--import", "tsx", self, "--child", build]);
    samples.get(build)!.push(JSON.parse(String(out).trim().split("\n").at(-1)!));
  }
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const stat = (xs: number[]) => {
  const s = sorted(xs);
  return `${(s[0]! / 1000).toFixed(3)} | ${(s[s.length >> 1]! / 1000).toFixed(3)}`;
};
console.log(`CPU ms per route, ${values.rounds} interleaved rounds of 1,000 routes (min | median)`);
console.log(
  "| build | register min | register median | app.compile() min | app.compile() median |",
);
console.log("|---|---:|---:|---:|---:|");
for (const [build, xs] of samples) {
  console.log(
    `| ${build} | ${stat(xs.map((x) => x.register))} | ${stat(xs.map((x) => x.compile))} |`,
  );
}
