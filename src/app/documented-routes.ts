import { analyzeGraph } from "../dependencies/graph.js";
import { APIRouter } from "./api-router.js";
import { defaultName } from "./declaration.js";
import type { RouteDeclaration } from "./registry.js";
import type { RouteRecord } from "./route-record.js";

const NO_OVERRIDES = new Map();

/**
 * The `{name}`s of a documented path: it need not start with "/" (a webhook's name) and may hold
 * runtime expressions (`{$request.body.callback_url}`), which are not path params.
 */
function documentedPathNames(path: string): Set<string> {
  const names = new Set<string>();
  for (const [, name] of path.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(name!);
  return names;
}

/**
 * A route that is documented and never served (a webhook, a callback): analysed as a served
 * route is, so its params, body and responses are described the same way.
 */
export function documentedRecord(declaration: RouteDeclaration): RouteRecord {
  const { methods, path, options, handler } = declaration;
  const where = `${methods.join(",")} ${path}`;
  return {
    methods,
    path,
    handler,
    options,
    name: options.name || handler.name || defaultName(methods, path),
    tags: declaration.tags,
    dependencies: declaration.dependencies,
    responses: declaration.responses,
    where,
    site: declaration.site,
    graph: analyzeGraph(
      options.params ?? {},
      handler,
      declaration.dependencies,
      documentedPathNames(path),
      where,
      NO_OVERRIDES,
    ),
    compiled: undefined,
  };
}

/**
 * The requests an app sends to its users' servers (FastAPI's `app.webhooks`): declared like
 * routes, never served, documented under the document's top-level `webhooks`.
 *
 * @example
 * app.webhooks.post("new-subscription", { params: { body: Subscription } }, function newSubscription() {});
 */
export class Webhooks extends APIRouter {
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    super();
    this.#onChange = onChange;
  }

  protected override addDeclaration(declaration: RouteDeclaration): void {
    super.addDeclaration(declaration);
    this.#onChange();
  }

  /** the webhooks as the OpenAPI description reads them */
  records(): RouteRecord[] {
    return this.declarations().map(documentedRecord);
  }
}
