import { writeFileSync } from "node:fs";
import { loadApp, UsageError } from "./load-app.js";

const USAGE = `Usage: tailor <command> [options]

Commands:
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
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tailor: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
