import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type Runtime = "bun" | "deno";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SERVER_SCRIPT = "test/server/runtime-server.ts";

/** The command that runs a TypeScript file on a runtime, from the npm-installed binaries. */
export function runtimeCommand(runtime: Runtime, file: string, args: string[]): string[] {
  const binary = `${ROOT}node_modules/.bin/${runtime}`;
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: the runtime suite runs on the npm packages "bun" and "deno" ` +
        "(devDependencies); run `npm ci` with install scripts allowed",
    );
  }
  return runtime === "bun"
    ? [binary, file, ...args]
    : // sloppy imports: the sources import "./x.js" for "./x.ts", as tsc's NodeNext wants
      [
        binary,
        "run",
        "--allow-net",
        "--allow-read",
        "--allow-env",
        "--sloppy-imports",
        "--no-lock",
        file,
        ...args,
      ];
}

export interface RuntimeServer {
  readonly url: string;
  readonly runtime: string;
  /** everything the server wrote to stderr so far */
  stderr(): string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts `serve(factory())` on a real Bun or Deno process and resolves once it listens; rejects
 * with the child's stderr if it exits or stays silent for `timeoutMs`.
 */
export function startRuntimeServer(
  runtime: Runtime,
  module: string,
  exportName: string,
  timeoutMs = 20_000,
): Promise<RuntimeServer> {
  const [program, ...args] = runtimeCommand(runtime, SERVER_SCRIPT, [module, exportName]);
  const child = spawn(program!, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`${runtime} server ${why}:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    child.once("exit", (code) => fail(`exited (${code})`));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (line === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const { url, runtime: reported } = JSON.parse(line) as { url: string; runtime: string };
      resolve({ url, runtime: reported, stderr: () => stderr, stop: () => stopChild(child) });
    });
  });
}
