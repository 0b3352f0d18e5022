import { type ChildProcess, spawn } from "node:child_process";
import { type Dirent, type FSWatcher, readdirSync, watch } from "node:fs";
import { join, resolve } from "node:path";
import { logger } from "../logging/logger.js";
import { parseRunArgs } from "./args.js";
import { UsageError } from "./load-app.js";

// never watched: dependencies, build output, version control
const IGNORED_DIRS = new Set(["node_modules", "dist", "coverage", "test-output"]);
const WATCHED_FILES = /\.(?:[cm]?[jt]sx?|json|env)$|(?:^|[\\/])\.env$/;

/** Every directory under `root` worth watching (hidden ones and IGNORED_DIRS left out). */
function directoriesUnder(root: string): string[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    let entries: Dirent[];
    try {
      entries = readdirSync(found[i]!, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && !IGNORED_DIRS.has(entry.name))
        found.push(join(found[i]!, entry.name));
    }
  }
  return found;
}

/** Calls `onChange` (debounced by 50 ms) when a source file under `root` changes. */
function watchSources(root: string, onChange: (file: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  const rescan = () => {
    for (const dir of directoriesUnder(root)) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null) return;
          const file = join(dir, name.toString());
          if (!WATCHED_FILES.test(file)) {
            rescan(); // maybe a new directory
            return;
          }
          clearTimeout(timer);
          timer = setTimeout(() => onChange(file), 50);
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // a directory removed while scanning
      }
    }
  };
  rescan();
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
  };
}

/**
 * `tailor dev <module>`: `tailor run` on 127.0.0.1 in a child process, restarted when a source
 * file under the current directory changes (`--reload-dir` names another).
 */
export async function devCommand(args: readonly string[], cwd: string): Promise<number> {
  const forwarded: string[] = [];
  let reloadDir = cwd;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--reload-dir") {
      const dir = args[++i];
      if (dir === undefined) throw new UsageError("--reload-dir needs a directory");
      reloadDir = resolve(cwd, dir);
    } else if (arg.startsWith("--reload-dir=")) reloadDir = resolve(cwd, arg.slice(13));
    else forwarded.push(arg);
  }
  const { serve } = parseRunArgs(forwarded, "dev"); // checks the flags before the first start
  const runArgs = ["run", ...forwarded];
  if (serve.host === undefined) runArgs.push("--host", "127.0.0.1");
  // a reload should not wait for a browser's kept-alive connections
  if (serve.gracefulTimeout === undefined) runArgs.push("--graceful-timeout", "0.25");
  const bin = process.argv[1]!;

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = () => {
    child = spawn(process.execPath, [...process.execArgv, bin, ...runArgs], {
      cwd,
      stdio: "inherit",
    });
    const current = child;
    exited = new Promise((resolve) => current.once("exit", () => resolve()));
  };
  const stopChild = async () => {
    const current = child;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return;
    current.kill("SIGTERM");
    const force = setTimeout(() => current.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(force);
  };

  let reloading = Promise.resolve();
  const stopWatching = watchSources(reloadDir, (file) => {
    reloading = reloading.then(async () => {
      logger.info(`${file} changed: restarting`, { file });
      await stopChild();
      start();
    });
  });
  logger.info(`watching ${reloadDir} for changes`, { reload_dir: reloadDir });
  start();

  return new Promise<number>((resolveStatus) => {
    const onSignal = () => {
      stopWatching();
      void reloading.then(stopChild).then(() => resolveStatus(0));
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  });
}
