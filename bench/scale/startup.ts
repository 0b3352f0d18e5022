// Start-up with 1,000 routes: each contender in fresh child processes, interleaved rounds,
// medians, figures relative to the FLOOR (node:http plus the same Zod schemas, no framework).
//   npx tsx bench/scale/startup.ts [--rounds 7]
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeMachine, writeSection } from "./machine.js";
import { ROUTE_COUNT } from "./routes.js";

interface Sample {
  name: string;
  importMs: number;
  buildSchemasMs: number;
  listenMs: number;
  firstResponseMs: number;
  rssMb: number;
  coldRouteMs: number;
  warmRouteMs: number;
  compileMs?: number;
}

interface Contender {
  label: string;
  module: string;
  env?: Record<string, string>;
}

const CONTENDERS: Contender[] = [
  { label: "FLOOR (node:http + schemas)", module: "floor" },
  { label: "Tailor (lazy compile)", module: "tailor" },
  { label: "Tailor + app.compile()", module: "tailor", env: { TAILOR_EAGER: "1" } },
  {
    label: "Tailor, src/ via tsx, source maps on",
    module: "tailor",
    env: { TAILOR_FROM: "src", SOURCE_MAPS: "1" },
  },
  { label: "Express 5 + Zod", module: "express" },
  { label: "Hono + @hono/zod-openapi", module: "hono" },
  { label: "Fastify + type-provider-zod", module: "fastify" },
];

const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" } } });
const rounds = Number(values.rounds);
const child = fileURLToPath(new URL("./startup-child.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

function runChild(c: Contender): Promise<Sample> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", child, c.module],
      { cwd: root, env: { ...process.env, ...c.env } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${c.label}: ${error.message}\n${stderr}`));
        const line = stdout.trim().split("\n").at(-1) ?? "";
        resolve(JSON.parse(line) as Sample);
      },
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// Tailor's JavaScript as a package user gets it (tsconfig.build.json emit).
execFileSync(
  process.execPath,
  [
    `${root}node_modules/typescript/lib/tsc.js`,
    "-p",
    `${root}tsconfig.build.json`,
    "--outDir",
    fileURLToPath(new URL("../../test-output/tailor-js/", import.meta.url)),
    "--sourceMap",
    "false",
    "--declarationMap",
    "false",
  ],
  { stdio: "inherit" },
);

const samples = new Map<Contender, Sample[]>(CONTENDERS.map((c) => [c, []]));
for (let round = 0; round < rounds; round++) {
  // rotate the order so no contender always runs first or last
  const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!);
  for (const c of order) {
    const sample = await runChild(c);
    samples.get(c)!.push(sample);
  }
  console.error(`round ${round + 1}/${rounds} done`);
}

const med = (c: Contender, key: keyof Sample) =>
  median(samples.get(c)!.map((s) => Number(s[key] ?? Number.NaN)));
const floor = CONTENDERS[0]!;
const floorListen = med(floor, "listenMs");
const floorFirst = med(floor, "firstResponseMs");
const floorRss = med(floor, "rssMb");
const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");

const rows = CONTENDERS.map((c) => {
  const listen = med(c, "listenMs");
  const first = med(c, "firstResponseMs");
  const rss = med(c, "rssMb");
  const perRoute = (listen - floorListen) / ROUTE_COUNT;
  const perRouteFirst = (first - floorFirst) / ROUTE_COUNT;
  const own = median(samples.get(c)!.map((s) => s.listenMs - s.buildSchemasMs)) / ROUTE_COUNT;
  return (
    `| ${c.label} | ${f(listen)} | ${f(own, 3)} | ${c === floor ? "—" : f(perRoute, 3)} | ${f(first)} | ` +
    `${c === floor ? "—" : f(perRouteFirst, 3)} | ${f(rss)} | ${c === floor ? "—" : f(rss - floorRss)} | ` +
    `${f(med(c, "coldRouteMs"), 2)} | ${f(med(c, "warmRouteMs"), 2)} | ${f(med(c, "buildSchemasMs"))} |`
  );
});
const eager = CONTENDERS[2]!;
const compileMs = med(eager, "compileMs");
const tailor = CONTENDERS[1]!;
const lazyCost = med(tailor, "coldRouteMs") - med(tailor, "warmRouteMs");

const body = [
  "## Start-up with 1,000 routes",
  "",
  `Command: \`npx tsx bench/scale/startup.ts --rounds ${rounds}\` (${new Date().toISOString().slice(0, 10)})`,
  "",
  ...describeMachine([
    "zod",
    "express",
    "hono",
    "@hono/zod-openapi",
    "@hono/node-server",
    "fastify",
    "fastify-type-provider-zod",
    "tsx",
  ]),
  "",
  `Each contender runs in a fresh \`node --import tsx\` child; ${rounds} interleaved rounds with rotating order, medians. ` +
    "The contender module (framework import, tsx transform) is loaded before the clock starts; " +
    "Tailor is loaded as the JavaScript `tsc -p tsconfig.build.json` emits (into test-output/tailor-js), as the " +
    "other frameworks ship prebuilt JS; the extra row loads src/ through tsx (esbuild adds a `__name()` call per " +
    "closure) with source-mapped stack traces on, as `npm start` runs. Source maps are otherwise off in every child. " +
    "Nothing builds an OpenAPI document at start-up (all four build it on demand). " +
    "Zod is warmed identically in every child (20 routes' schemas built and discarded). The clock runs from " +
    "before the 1,000 routes' schemas are built to when the server is listening (`listen`), and to the first " +
    "successful answer of `POST /r0/items/7` (`first response`). Routes: a path int, two query params; every " +
    "even route also a 5-field JSON body model and a response model (fresh schema objects per route). " +
    "Express, Hono and Fastify get string path/query values, so they also build, per route, `z.coerce.number().pipe(id)` and a coercing `limit` schema (inside the clock), as their users must.",
  "",
  "| contender | listen ms | framework ms/route (listen − schema build) | ms/route over floor | first response ms | ms/route over floor | RSS MB | RSS over floor | never-hit route ms | same route again ms | schema build ms |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows,
  "",
  `- \`app.compile()\` for all ${ROUTE_COUNT} routes: **${f(compileMs)} ms** (${f(compileMs / ROUTE_COUNT, 3)} ms/route), median.`,
  `- Tailor's lazy compile on a never-hit route: ${f(lazyCost, 2)} ms (first request minus a repeat of it, median over 40 routes × ${rounds} runs).`,
  "- Goal: Tailor ≤ 0.15 ms/route over the floor (listen). “framework ms/route” subtracts each child's own schema-build time, which removes most of the noise of a shared machine; the floor's is ~0 by construction.",
].join("\n");

writeSection(new URL("../SCALE.md", import.meta.url), "startup", body);
console.log(body);
