// Router lookup time against route count: `npx tsx bench/pipeline/router.bench.ts`.
// Each app has N routes over N/4 REST-style resources; requests target the LAST resource
// declared, the worst case for a first-declared-wins router.
import { bench, do_not_optimize, group, run, summary } from "mitata";
import { decodePath, Router } from "../../src/routing/index.js";

const SIZES = [10, 100, 1000] as const;

function buildRouter(routeCount: number): Router<number> {
  const router = new Router<number>();
  const resources = Math.ceil(routeCount / 4);
  let id = 0;
  for (let i = 0; i < resources; i++) {
    router.add(["GET"], `/api/res${i}`, id++);
    router.add(["GET"], `/api/res${i}/{item_id}`, id++);
    router.add(["GET", "PUT"], `/api/res${i}/{item_id}/sub`, id++);
    router.add(["POST"], `/api/res${i}/search`, id++);
  }
  return router;
}

// What the tree replaces: one regex per route tried in order, as Starlette does.
function buildLinearScan(routeCount: number): (path: string) => number {
  const routes: { regex: RegExp; value: number }[] = [];
  const resources = Math.ceil(routeCount / 4);
  for (let i = 0; i < resources; i++) {
    for (const suffix of ["", "/([^/]+)", "/([^/]+)/sub", "/search"]) {
      routes.push({ regex: new RegExp(`^/api/res${i}${suffix}$`), value: routes.length });
    }
  }
  return (path) => {
    for (const route of routes) if (route.regex.test(path)) return route.value;
    return -1;
  };
}

interface Case {
  readonly label: string;
  readonly method: string;
  readonly path: (last: number) => string;
}

const CASES: readonly Case[] = [
  { label: "static hit", method: "GET", path: (last) => `/api/res${last}` },
  { label: "param hit", method: "GET", path: (last) => `/api/res${last}/42/sub` },
  { label: "405", method: "DELETE", path: (last) => `/api/res${last}/42` },
  { label: "miss", method: "GET", path: () => "/api/unknown/thing" },
];

for (const size of SIZES) {
  const router = buildRouter(size);
  const last = Math.ceil(size / 4) - 1;
  group(`${size} routes`, () => {
    summary(() => {
      for (const testCase of CASES) {
        const path = testCase.path(last);
        if (testCase.label !== "miss" && router.lookup(testCase.method, path) === null) {
          throw new Error(`bench setup: ${testCase.method} ${path} should be routed`);
        }
        bench(`${size} routes: ${testCase.label}`, () => {
          do_not_optimize(router.lookup(testCase.method, path));
        });
      }
      const scan = buildLinearScan(size);
      const path = `/api/res${last}/42/sub`;
      bench(`${size} routes: linear scan`, () => do_not_optimize(scan(path)));
    });
  });
}

group("decodePath", () => {
  bench("decodePath: no escapes", () => do_not_optimize(decodePath("/api/res24/42/sub")));
  bench("decodePath: escapes", () => do_not_optimize(decodePath("/files/caf%C3%A9%20a%2Fb")));
});

const { benchmarks } = await run();

// Compact table: rows are route counts, columns are cases, cells are the mean time per lookup.
// "linear scan" is the param-hit request through an in-order regex scan, for scale.
const averages = new Map<string, number>();
for (const trial of benchmarks) {
  for (const result of trial.runs) {
    if (result.stats !== undefined) averages.set(result.name, result.stats.avg);
  }
}
const COLUMNS = [...CASES.map((testCase) => testCase.label), "linear scan"];
const header = ["routes", ...COLUMNS];
const rows = SIZES.map((size) => [
  String(size),
  ...COLUMNS.map((label) => {
    const avg = averages.get(`${size} routes: ${label}`);
    return avg === undefined ? "-" : `${avg.toFixed(1)} ns`;
  }),
]);
const widths = header.map((title, i) =>
  Math.max(title.length, ...rows.map((row) => row[i]!.length)),
);
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(" | ")} |`;
console.log(`\nRouter lookup, mean time per call\n${line(header)}`);
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
