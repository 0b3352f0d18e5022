import { spawn } from "node:child_process";
import { join } from "node:path";

export interface ChildApp {
  /** the port the fixture printed as `listening <port>` */
  port: number;
  /** everything the child wrote to stdout so far */
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Runs a fixture app (test/settings/fixtures/<name>) in a child process until it is listening. */
export async function startChildApp(fixture: string): Promise<ChildApp> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "fixtures", fixture)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening")) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited early: ${errors}`)));
  });
  return {
    port: Number(/listening (\d+)/.exec(output)?.[1]),
    stdout: () => output,
    stderr: () => errors,
    exited,
    kill: (signal) => child.kill(signal),
  };
}
