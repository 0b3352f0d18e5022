// Self time by function and by source file from a V8 .cpuprofile (node --cpu-prof).
//   npx tsx bench/scale/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (file === undefined) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id)!;
  const short = node.callFrame.url.replace(/^.*\/(src|node_modules|tailor-js)\//, "$1/");
  const key = `${node.callFrame.functionName || "(anonymous)"} ${short}:${node.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  byFile.set(short || "(native)", (byFile.get(short || "(native)") ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const k = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(src|node_modules|tailor-js)\//, "$1/")}:${f.lineNumber + 1}`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
});
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
};
show("self time by function", self);
show("self time by file", byFile);
show(
  "inclusive time (Tailor only)",
  new Map([...inclusive].filter(([k]) => / (src|tailor-js)\//.test(k))),
);
