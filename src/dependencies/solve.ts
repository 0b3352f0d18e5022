import type { RequestContext } from "../http/context.js";
import { isThenable } from "../internal/thenable.js";
import type { AppScope, AppSlot } from "./app-scope.js";
import type { CallKind, GraphNode, RouteGraph } from "./graph.js";
import { SecurityScopesParam, securityScopesValue } from "./security-scopes.js";
import type { TeardownStack } from "./teardown.js";

export { TeardownStack } from "./teardown.js";

type SpecialResolver = [string, (ctx: RequestContext) => unknown];

/** A dependency ready to call per request. */
export interface PlannedCall {
  node: number;
  fn: (args: any, ctx: RequestContext) => unknown;
  callKind: CallKind;
  earlyTeardown: boolean;
  /** set for an app-scoped dependency: its value comes from the app, not from calling `fn` */
  app: AppSlot | null;
  /** where the resolved value goes: [node, argument name] pairs */
  targets: [number, string][];
  specials: SpecialResolver[];
}

/** Dependencies grouped by level: every call of a level only needs values of lower levels. */
export interface DependencyPlan {
  levels: PlannedCall[][];
  nodeCount: number;
  hasGenerators: boolean;
  rootSpecials: SpecialResolver[];
  appScope: AppScope | null;
}

/** `SecurityScopes()` gets a constant fixed by the node's place in the graph; others resolve per request. */
function specialsOf(node: GraphNode): SpecialResolver[] {
  return node.specials.map(({ name, special }): SpecialResolver => {
    if (special instanceof SecurityScopesParam) {
      const value = securityScopesValue(node.scopes);
      return [name, () => value];
    }
    return [name, special.resolve];
  });
}

/** Turns an analysed graph into per-level call lists (at compile time, once per route). */
export function planDependencies(
  graph: RouteGraph,
  appScope: AppScope | null = null,
): DependencyPlan {
  const levels: PlannedCall[][] = [];
  const targetsOf = new Map<GraphNode, [number, string][]>();
  for (const node of graph.nodes) {
    for (const use of node.uses) {
      if (use.name === null) continue;
      let targets = targetsOf.get(use.node);
      if (!targets) targetsOf.set(use.node, (targets = []));
      targets.push([node.id, use.name]);
    }
  }
  let hasGenerators = false;
  for (const node of graph.nodes) {
    if (node === graph.root) continue;
    const isApp = node.scope === "app" && node.dependency !== null;
    if (isApp && appScope === null)
      throw new Error("an app-scoped dependency needs the app's AppScope to be planned");
    if (!isApp && node.callKind !== "plain") hasGenerators = true;
    (levels[node.level] ??= []).push({
      node: node.id,
      fn: node.fn,
      callKind: node.callKind,
      earlyTeardown: node.scope === "function",
      app: isApp ? appScope!.slot(node.dependency!) : null,
      targets: targetsOf.get(node) ?? [],
      specials: specialsOf(node),
    });
  }
  return {
    levels: levels.filter((level) => level !== undefined),
    nodeCount: graph.nodes.length,
    hasGenerators,
    rootSpecials: specialsOf(graph.root),
    appScope,
  };
}

function assign(call: PlannedCall, args: Record<string, unknown>[], value: unknown): void {
  for (const [node, name] of call.targets) args[node]![name] = value;
}

async function assignWhenSettled(
  call: PlannedCall,
  args: Record<string, unknown>[],
  pending: PromiseLike<unknown>,
): Promise<void> {
  assign(call, args, await pending);
}

async function assignFirstYield(
  call: PlannedCall,
  args: Record<string, unknown>[],
  gen: AsyncGenerator,
): Promise<void> {
  const step = await gen.next();
  if (step.done) throw new Error("a generator dependency returned without yielding a value");
  assign(call, args, step.value);
}

/**
 * Starts one call: sync results (plain functions, sync generators, ready app values) are stored
 * at once, with no promise; only a pending value returns one. A sync dependency costs a call.
 */
function begin(
  call: PlannedCall,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  appScope: AppScope | null,
): Promise<void> | undefined {
  if (call.app !== null) {
    if (call.app.ready) {
      assign(call, args, call.app.value);
      return undefined;
    }
    return assignWhenSettled(call, args, appScope!.resolve(call.app));
  }
  const own = args[call.node]!;
  for (const [name, resolve] of call.specials) own[name] = resolve(ctx);
  if (call.callKind === "plain") {
    const value = call.fn(own, ctx);
    if (isThenable(value)) return assignWhenSettled(call, args, value);
    assign(call, args, value);
    return undefined;
  }
  const gen = call.fn(own, ctx) as Generator | AsyncGenerator;
  stack.push(gen, call.earlyTeardown);
  if (call.callKind === "asyncGenerator")
    return assignFirstYield(call, args, gen as AsyncGenerator);
  const step = (gen as Generator).next();
  if (step.done) throw new Error("a generator dependency returned without yielding a value");
  assign(call, args, step.value);
  return undefined;
}

/**
 * Runs the planned dependencies level by level; the calls of one level all start before any is
 * awaited, so independent async dependencies wait concurrently.
 */
export async function solveDependencies(
  plan: DependencyPlan,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  /** per node: its params (or a dependency it uses) failed validation, so it is not called */
  skip: readonly boolean[] | null = null,
): Promise<void> {
  const appScope = plan.appScope;
  for (const level of plan.levels) {
    let pending: Promise<void>[] | undefined;
    let failed = false;
    let failure: unknown;
    for (const call of level) {
      if (skip?.[call.node]) continue;
      try {
        const running = begin(call, args, ctx, stack, appScope);
        if (running !== undefined) (pending ??= []).push(running);
      } catch (error) {
        if (!failed) {
          failed = true;
          failure = error;
        }
      }
    }
    if (pending !== undefined) {
      if (pending.length === 1 && !failed) await pending[0];
      else {
        // settle every call before failing, so no generator opens after teardown has begun
        const results = await Promise.allSettled(pending);
        for (const result of results) {
          if (result.status === "rejected" && !failed) {
            failed = true;
            failure = result.reason;
          }
        }
      }
    }
    if (failed) throw failure;
  }
}
