// Machine, Node and package versions for the scale reports.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

const ROOT = new URL("../../", import.meta.url);

export function packageVersion(name: string): string {
  try {
    const json = readFileSync(new URL(`node_modules/${name}/package.json`, ROOT), "utf8");
    return (JSON.parse(json) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** Markdown bullet lines: CPU, memory, load, Node and the given packages' versions. */
export function describeMachine(packages: readonly string[]): string[] {
  const cpu = cpus();
  return [
    `- ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `load average at start ${loadavg()[0]?.toFixed(2)} (shared machine)`,
    `- Node ${process.version}; ${packages.map((p) => `${p} ${packageVersion(p)}`).join(", ")}`,
  ];
}

/** Replaces (or appends) the section between `<!-- name:begin -->` and `<!-- name:end -->`. */
export function writeSection(file: URL, name: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  let doc = "";
  try {
    doc = readFileSync(file, "utf8");
  } catch {
    doc =
      "# Scale benchmarks\n\nStart-up with 1,000 routes and type-check cost of a 200-route app, " +
      "Tailor side by side with Express 5, Hono and Fastify. Regenerate with the commands in each section.\n";
  }
  const block = `${begin}\n${body.trim()}\n${end}`;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  const next =
    from >= 0 && to > from
      ? doc.slice(0, from) + block + doc.slice(to + end.length)
      : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
