import { writeFileSync } from "node:fs";
import { RUN_FLAGS_HELP } from "./args.js";
import { devCommand } from "./dev.js";
import { loadApp, UsageError } from "./load-app.js";
import { routesCommand } from "./routes.js";
import { runCommand } from "./run.js";

const USAGE = `Usage: tailor <command> [options]

Commands:
  run <module>[:export] [options]
      Serves the app on node:http until SIGTERM or SIGINT, then drains and exits 0.
${RUN_FLAGS_HELP}
  dev <module>[:export] [options] [--reload-dir <dir>]
      Serves on 127.0.0.1 and restarts when a source file under the current directory changes.
  routes <module>[:export]
      Lists the app's routes: methods, path, name.
  openapi <module>[:export] [--out <file>]
      Prints the app's OpenAPI document (JSON, indented by 2). The app is the module's
      "app" export, else its default export, or the export named after the colon.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

async function openapiCommand(args: string[], io: CliIo): Promise<number> {
  let out: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--out" || arg === "-o") {
      out = args[++i];
      if (out === undefined) throw new UsageError("--out needs a file name");
    } else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError("openapi takes one app module");
  const app = await loadApp(positional[0]!, io.cwd);
  const text = `${JSON.stringify(app.openapi(), null, 2)}\n`;
  if (out === undefined) io.stdout(text);
  else writeFileSync(out, text);
  return 0;
}

/**
 * Runs one `tailor` command and resolves to its exit status; never exits the process itself.
 *
 * @example process.exitCode = await runCli(["openapi", "app/main.ts"]);
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "openapi") return await openapiCommand(rest, io);
    if (command === "run") return await runCommand(rest, io.cwd);
    if (command === "dev") return await devCommand(rest, io.cwd);
    if (command === "routes") {
      io.stdout(await routesCommand(rest, io.cwd));
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tailor: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
