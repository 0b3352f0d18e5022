import { loadApp, UsageError } from "./load-app.js";

/** `tailor routes <module>`: one line per route, `GET,HEAD  /items/{item_id}  read_item`, then mounts. */
export async function routesCommand(args: readonly string[], cwd: string): Promise<string> {
  const positional = args.filter((arg) => !arg.startsWith("-"));
  const unknown = args.find((arg) => arg.startsWith("-"));
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown} for routes`);
  if (positional.length !== 1) throw new UsageError("routes takes one app module");
  const app = await loadApp(positional[0]!, cwd);
  const rows: [string, string, string][] = (app.routes ?? []).map((route) => [
    route.methods.join(","),
    route.path,
    route.name,
  ]);
  for (const mount of app.mounts ?? []) rows.push(["MOUNT", mount.path, ""]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length), 0));
  return rows
    .map(([methods, path, name]) =>
      `${methods.padEnd(widths[0]!)}  ${path.padEnd(widths[1]!)}  ${name}`.trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
