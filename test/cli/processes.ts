import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "tailor.js");

/** A child process whose stdout is read as log lines (JSON ones parsed). */
export interface LoggedProcess {
  child: ChildProcess;
  output(): string;
  /** the parsed JSON lines written so far */
  lines(): Record<string, any>[];
  /** resolves with the first JSON line `match` accepts (rejects on exit or after `ms`) */
  waitForLine(
    match: (line: Record<string, any>) => boolean,
    ms?: number,
  ): Promise<Record<string, any>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startLogged(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): LoggedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  let errors = "";
  const listeners = new Set<() => void>();
  child.stdout!.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    }),
  );
  const lines = () =>
    text
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, any>;
        } catch {
          return {};
        }
      });
  const waitForLine = (match: (line: Record<string, any>) => boolean, ms = 20_000) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const check = () => {
        const found = lines().find(match);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`process exited before the line appeared:\n${text}\n${errors}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such line within ${ms} ms:\n${text}\n${errors}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => `${text}${errors}`, lines, waitForLine, exited };
}

/** `tailor run <fixture> --port 0 …` from the repository's bin. */
export function startTailor(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return startLogged(process.execPath, [BIN, ...args], options);
}

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type Outcome = { status: number; body: any; connection: string | null } | { error: string };

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A request on a fresh connection (node:http, no agent); resolves with the answer or the error's code. */
export function requestFresh(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            body: parsed(text),
            connection: res.headers.connection ?? null,
          }),
        );
        res.on("error", (error: NodeJS.ErrnoException) =>
          resolve({ error: error.code ?? String(error) }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? String(error) }),
    );
    // an unanswered request is a failure of its own, not a hung test
    req.setTimeout(init.timeoutMs ?? 10_000, () => {
      req.destroy();
      resolve({ error: "TIMEOUT" });
    });
    req.end(init.body);
  });
}

/** A request through fetch (undici: kept-alive connections, pooled); the answer or the error's code. */
export async function requestPooled(url: string, init: RequestInit = {}): Promise<Outcome> {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    return {
      status: response.status,
      body: parsed(text),
      connection: response.headers.get("connection"),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? String(error) };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
