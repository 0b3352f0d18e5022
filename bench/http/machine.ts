// Describes the machine and the software versions a result was measured with.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ROOT } from "./contender-process.js";

const PACKAGES = [
  "fastify",
  "hono",
  "@hono/zod-openapi",
  "@hono/node-server",
  "express",
  "elysia",
  "zod",
  "autocannon",
  "tsx",
];

function tryRun(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string {
  try {
    const json = readFileSync(`${ROOT}node_modules/${name}/package.json`, "utf8");
    return (JSON.parse(json) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** One line per fact: CPU count and model, Node version, package versions, Python stack. */
export function describeMachine(): string[] {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const python = tryRun("python3", [
    "-c",
    "import sys, fastapi, uvicorn; print(sys.version.split()[0], 'fastapi', fastapi.__version__, 'uvicorn', uvicorn.__version__)",
  ]);
  return [
    `Machine: \`nproc\` = ${tryRun("nproc", []) ?? "?"}, CPU: ${model}, ${process.platform} ${tryRun("uname", ["-r"]) ?? ""}`,
    `Node: ${process.version}; Bun: ${tryRun(`${ROOT}node_modules/.bin/bun`, ["--version"]) ?? "not installed"}; ` +
      `Deno: ${
        tryRun(`${ROOT}node_modules/.bin/deno`, ["--version"])
          ?.split("\n")[0]
          ?.replace(/^deno /, "") ?? "not installed"
      }`,
    `Packages: ${PACKAGES.map((p) => `${p} ${packageVersion(p)}`).join(", ")}`,
    `Python: ${python ?? "fastapi/uvicorn not importable"}`,
  ];
}
