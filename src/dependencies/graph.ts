import { ConfigError } from "../errors/config-error.js";
import { declareParam, implicitPathParam, type ParamDeclaration } from "../params/analyze.js";
import type { ParamSource } from "../params/markers.js";
import { sameSchema } from "../schema/index.js";
import {
  Dependency,
  type DependencyFunction,
  type DependencyScope,
  type DependsMarker,
  isDependsMarker,
  type ParamsShape,
  SpecialParam,
} from "./dependency.js";

export type CallKind = "plain" | "generator" | "asyncGenerator";

/** A function in a route's dependency graph: a dependency, or the route's handler (the root). */
export interface GraphNode {
  /** position in `RouteGraph.nodes` (post-order: every node after the nodes it depends on) */
  id: number;
  /** null for the root (the route handler) */
  dependency: Dependency | null;
  fn: DependencyFunction;
  callKind: CallKind;
  scope: DependencyScope;
  /** own value params, in FastAPI's error order: path, query, header, cookie, body */
  params: ParamDeclaration[];
  /** sub-dependencies in declaration order; `name` null for side-effect-only dependencies */
  uses: { name: string | null; node: GraphNode }[];
  specials: { name: string; special: SpecialParam }[];
  /** 0 for a node with no sub-dependencies, else 1 + the highest level it uses */
  level: number;
  /** security scopes required on the path from the route to this node (Security(dep, { scopes })) */
  scopes: string[];
}

export interface RouteGraph {
  /** post-order: dependencies first, the root last */
  nodes: GraphNode[];
  root: GraphNode;
}

export type DependencyOverrides = ReadonlyMap<Dependency<any, any>, Dependency<any, any>>;

const SOURCE_ORDER: Record<ParamSource, number> = {
  path: 0,
  query: 1,
  header: 2,
  cookie: 3,
  body: 4,
  form: 4,
  file: 4,
};

export function callKindOf(fn: Function): CallKind {
  const kind = fn.constructor?.name;
  if (kind === "AsyncGeneratorFunction") return "asyncGenerator";
  if (kind === "GeneratorFunction") return "generator";
  return "plain";
}

function ownerName(node: GraphNode): string {
  return node.dependency === null ? "the route" : `dependency "${node.dependency.name}"`;
}

/**
 * An app-scoped dependency lives longer than any request: it may use only other app-scoped
 * dependencies, never request params or request-level specials. Checked recursively (with
 * overrides applied); app-scoped nodes are leaves of a route graph, resolved by the AppScope.
 */
function checkAppScoped(dep: Dependency, where: string, overrides: DependencyOverrides): void {
  const walk = (current: Dependency, path: Dependency[]) => {
    for (const [name, value] of Object.entries(current.params)) {
      if (isDependsMarker(value)) {
        const child = overrides.get(value.dependency) ?? value.dependency;
        if (path.includes(child)) {
          const cycle = [...path.slice(path.indexOf(child)), child].map((d) => d.name).join(" -> ");
          throw new ConfigError(
            "E_DEPENDENCY_CYCLE",
            where,
            `dependencies form a cycle: ${cycle}. Break it by removing one of the Depends().`,
          );
        }
        if (child.scope === "app") {
          walk(child, [...path, child]);
          continue;
        }
      }
      throw new ConfigError(
        "E_DEPENDENCY_SCOPE",
        where,
        `app-scoped dependency "${current.name}" declares "${name}", which needs a request. ` +
          `An app-scoped dependency may only use Depends() on other app-scoped dependencies.`,
      );
    }
  };
  walk(dep, [dep]);
}

/**
 * Analyses a route's whole dependency graph once, at registration: classifies every param,
 * shares a dependency used twice (unless `useCache: false`), applies overrides, and rejects
 * cycles, unknown param kinds, clashing params and scope mistakes with a ConfigError naming the route.
 */
export function analyzeGraph(
  params: ParamsShape,
  handler: DependencyFunction,
  sideEffects: readonly DependsMarker[],
  pathNames: ReadonlySet<string>,
  where: string,
  overrides: DependencyOverrides,
): RouteGraph {
  const nodes: GraphNode[] = [];
  // cache key: the dependency and its sorted scopes (FastAPI caches per (call, scopes))
  const cache = new Map<Dependency, Map<string, GraphNode>>();
  const visiting: Dependency[] = [];
  const wire = new Map<string, { param: ParamDeclaration; owner: GraphNode }>();

  const checkClash = (param: ParamDeclaration, owner: GraphNode) => {
    const key = `${param.source === "form" || param.source === "file" ? "body" : param.source}:${param.wireName}`;
    const seen = wire.get(key);
    if (seen === undefined) {
      wire.set(key, { param, owner });
      return;
    }
    // the same schema read twice is one param shared by two functions (pagination + route)
    // (or two schemas built alike, as FastAPI accepts `q: int` in two dependencies)
    if (seen.param.source === param.source && sameSchema(seen.param.schema, param.schema)) return;
    throw new ConfigError(
      "E_PARAM_CONFLICT",
      where,
      `${param.source} parameter "${param.wireName}" is declared by ${ownerName(seen.owner)} and by ` +
        `${ownerName(owner)} with different schemas. Rename one, or share one schema object.`,
    );
  };

  const build = (
    ownParams: ParamsShape,
    fn: DependencyFunction,
    dep: Dependency | null,
    extra: readonly DependsMarker[],
    scopes: string[],
  ): GraphNode => {
    const node: GraphNode = {
      id: -1,
      dependency: dep,
      fn,
      callKind: callKindOf(fn),
      scope: dep?.scope ?? "request",
      params: [],
      uses: [],
      specials: [],
      level: 0,
      scopes,
    };
    const paramWhere = dep === null ? where : `${where} (dependency "${dep.name}")`;
    if (dep?.scope === "app") {
      checkAppScoped(dep, where, overrides);
      node.id = nodes.length;
      nodes.push(node);
      return node;
    }
    const declared = new Set<string>();
    const use = (name: string | null, marker: DependsMarker) => {
      const child = resolve(marker, [...scopes, ...marker.scopes]);
      if (dep !== null && dep.scope === "request" && child.scope === "function") {
        throw new ConfigError(
          "E_DEPENDENCY_SCOPE",
          where,
          `dependency "${dep.name}" (scope "request") uses "${child.dependency?.name}" (scope "function"), ` +
            `which is closed before the response while "${dep.name}" is still open. Give them the same scope.`,
        );
      }
      node.uses.push({ name, node: child });
      node.level = Math.max(node.level, child.level + 1);
    };
    for (const marker of extra) use(null, marker);
    for (const [name, value] of Object.entries(ownParams)) {
      declared.add(name);
      if (isDependsMarker(value)) use(name, value);
      else if (value instanceof SpecialParam) node.specials.push({ name, special: value });
      else node.params.push(declareParam(name, value, pathNames, paramWhere));
    }
    if (dep === null) {
      for (const name of pathNames) {
        if (!declared.has(name)) node.params.push(implicitPathParam(name));
      }
    }
    node.params.sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]);
    for (const param of node.params) checkClash(param, node);
    node.id = nodes.length;
    nodes.push(node);
    return node;
  };

  const resolve = (marker: DependsMarker, scopes: string[]): GraphNode => {
    const original: unknown = marker.dependency;
    if (!(original instanceof Dependency)) {
      throw new ConfigError(
        "E_PARAM_SOURCE",
        where,
        "Depends() takes a dependency made with dependency().",
      );
    }
    const dep = overrides.get(original) ?? original;
    if (visiting.includes(dep)) {
      const cycle = [...visiting.slice(visiting.indexOf(dep)), dep].map((d) => d.name).join(" -> ");
      throw new ConfigError(
        "E_DEPENDENCY_CYCLE",
        where,
        `dependencies form a cycle: ${cycle}. Break it by removing one of the Depends().`,
      );
    }
    const scopeKey = [...new Set(scopes)].sort().join(" ");
    const cached = marker.useCache ? cache.get(dep)?.get(scopeKey) : undefined;
    if (cached) return cached;
    visiting.push(dep);
    const node = build(dep.params, dep.fn, dep, [], scopes);
    visiting.pop();
    if (marker.useCache) {
      let byScopes = cache.get(dep);
      if (!byScopes) cache.set(dep, (byScopes = new Map()));
      if (!byScopes.has(scopeKey)) byScopes.set(scopeKey, node);
    }
    return node;
  };

  const root = build(params, handler, null, sideEffects, []);
  return { nodes, root };
}
