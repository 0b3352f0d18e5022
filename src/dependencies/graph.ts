import { ConfigError } from "../errors/config-error.js";
import { declareParam, implicitPathParam, type ParamDeclaration } from "../params/analyze.js";
import type { ParamSource } from "../params/markers.js";
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
  /** security scopes requested on the way to this node (Security(dep, { scopes })) */
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

function callKindOf(fn: Function): CallKind {
  const kind = fn.constructor?.name;
  if (kind === "AsyncGeneratorFunction") return "asyncGenerator";
  if (kind === "GeneratorFunction") return "generator";
  return "plain";
}

/**
 * Analyses a route's whole dependency graph once, at registration: classifies every param,
 * shares a dependency used twice (unless `useCache: false`), applies overrides, and rejects
 * cycles with a ConfigError naming the route.
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
  const cache = new Map<Dependency, GraphNode>();
  const visiting: Dependency[] = [];

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
    const declared = new Set<string>();
    const use = (name: string | null, marker: DependsMarker) => {
      const child = resolve(marker, [...scopes, ...marker.scopes]);
      node.uses.push({ name, node: child });
      node.level = Math.max(node.level, child.level + 1);
    };
    for (const marker of extra) use(null, marker);
    for (const [name, value] of Object.entries(ownParams)) {
      declared.add(name);
      if (isDependsMarker(value)) use(name, value);
      else if (value instanceof SpecialParam) node.specials.push({ name, special: value });
      else node.params.push(declareParam(name, value, pathNames, where));
    }
    if (dep === null) {
      for (const name of pathNames) {
        if (!declared.has(name)) node.params.push(implicitPathParam(name));
      }
    }
    node.params.sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]);
    node.id = nodes.length;
    nodes.push(node);
    return node;
  };

  const resolve = (marker: DependsMarker, scopes: string[]): GraphNode => {
    const dep = overrides.get(marker.dependency) ?? marker.dependency;
    if (!(dep instanceof Dependency)) {
      throw new ConfigError(
        "E_PARAM_SOURCE",
        where,
        "Depends() takes a dependency made with dependency().",
      );
    }
    if (visiting.includes(dep)) {
      const cycle = [...visiting.slice(visiting.indexOf(dep)), dep].map((d) => d.name).join(" -> ");
      throw new ConfigError(
        "E_DEPENDENCY_CYCLE",
        where,
        `dependencies form a cycle: ${cycle}. Break it by removing one of the Depends().`,
      );
    }
    const cacheable = marker.useCache && marker.scopes.length === 0 && scopes.length === 0;
    const cached = cacheable ? cache.get(dep) : undefined;
    if (cached) return cached;
    visiting.push(dep);
    const node = build(dep.params, dep.fn, dep, [], scopes);
    visiting.pop();
    if (cacheable) cache.set(dep, node);
    return node;
  };

  const root = build(params, handler, null, sideEffects, []);
  return { nodes, root };
}
