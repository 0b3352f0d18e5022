import { fileURLToPath } from "node:url";
import { ConfigError } from "../errors/config-error.js";
import { parsePathTemplate } from "../routing/index.js";

// This folder as stack frames spell it (a file URL for ES modules, else a path), wherever the
// framework runs from: src/app/ through tsx, dist/app/ from the package. A user's own src/app/
// is another folder.
const OWN_FOLDER_URL = new URL(".", import.meta.url).href;
const OWN_FOLDER_PATH = fileURLToPath(OWN_FOLDER_URL);

/** The first stack frame outside this folder: where the route was declared (file:line). */
export function siteOf(site: Error): string {
  const frame = site.stack
    ?.split("\n")
    .find(
      (line) =>
        line.includes("at ") && !line.includes(OWN_FOLDER_URL) && !line.includes(OWN_FOLDER_PATH),
    );
  return frame?.trim().replace(/^at\s+/, "") ?? "unknown";
}

/** The `{name}`s of a path template; a malformed template is a ConfigError naming the route. */
export function templateNames(path: string, where: string): Set<string> {
  try {
    return new Set(parsePathTemplate(path).paramNames);
  } catch (error) {
    throw new ConfigError("E_PATH_TEMPLATE", where, (error as Error).message);
  }
}

/** An anonymous handler's route name: GET "/items/{item_id}" -> "get_items_item_id" */
export function defaultName(methods: string[], path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  return [methods[0]!.toLowerCase(), ...words].join("_");
}
