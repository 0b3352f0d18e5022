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
        // pino, the logger, reads the host name as it loads
        "--allow-sys=hostname",
        "--sloppy-imports",
        "--no-lock",
        file,
        ...args,
      ];
}

export interface RuntimeServer {
  readonly url: string;
  /** what the child printed on its ready line, after the URL */
  readonly ready: string;
  /** everything the server wrote to stderr so far */
  stderr(): string;
  stop(): Promise<void>;
}

/** "http://127.0.0.1:4000" in "listening on http://127.0.0.1:4000/" */
const URL_IN_LINE = /http:\/\/[A-Za-z0-9.-]+:\d+/;

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
 * Spawns a server process and resolves once its output (stdout or stderr) shows a line with
 * "http://host:port"; rejects with its stderr if it exits or stays silent for `timeoutMs`.
 */
export function startServerProcess(
  command: string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<RuntimeServer> {
  const [program, ...args] = command;
  const child = spawn(program!, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`${command.join(" ")} ${why}:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    child.once("exit", (code) => fail(`exited (${code})`));
    const onData = (chunk: Buffer, isError: boolean) => {
      if (isError) stderr += chunk.toString();
      output += chunk.toString();
      const line = output.split("\n").find((l) => URL_IN_LINE.test(l));
      if (line === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const url = URL_IN_LINE.exec(line)![0].replace("0.0.0.0", "127.0.0.1");
      resolve({ url, ready: line, stderr: () => stderr, stop: () => stopChild(child) });
    };
    child.stdout!.on("data", (chunk: Buffer) => onData(chunk, false));
    child.stderr!.on("data", (chunk: Buffer) => onData(chunk, true));
  });
}

/** Starts `serve(factory())` on a real Bun or Deno process (runtime-server.ts). */
export function startRuntimeServer(
  runtime: Runtime,
  module: string,
  exportName: string,
): Promise<RuntimeServer> {
  return startServerProcess(runtimeCommand(runtime, SERVER_SCRIPT, [module, exportName]));
}
