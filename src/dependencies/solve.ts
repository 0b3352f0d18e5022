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
  const targets = call.targets;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    args[target[0]]![target[1]] = value;
  }
}

async function firstYield(gen: AsyncGenerator): Promise<unknown> {
  const step = await gen.next();
  if (step.done) throw new Error("a generator dependency returned without yielding a value");
  return step.value;
}

/**
 * Starts one call: sync results (plain functions, sync generators, ready app values) are stored
 * at once, with no promise; a pending value is returned for the caller to await and store.
 */
function begin(
  call: PlannedCall,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  appScope: AppScope | null,
): PromiseLike<unknown> | undefined {
  if (call.app !== null) {
    if (call.app.ready) {
      assign(call, args, call.app.value);
      return undefined;
    }
    return appScope!.resolve(call.app);
  }
  const own = args[call.node]!;
  const specials = call.specials;
  for (let i = 0; i < specials.length; i++) own[specials[i]![0]] = specials[i]![1](ctx);
  if (call.callKind === "plain") {
    const value = call.fn(own, ctx);
    if (isThenable(value)) return value;
    assign(call, args, value);
    return undefined;
  }
  const gen = call.fn(own, ctx) as Generator | AsyncGenerator;
  stack.push(gen, call.earlyTeardown);
  if (call.callKind === "asyncGenerator") return firstYield(gen as AsyncGenerator);
  const step = (gen as Generator).next();
  if (step.done) throw new Error("a generator dependency returned without yielding a value");
  assign(call, args, step.value);
  return undefined;
}

/** Where solving stopped to wait: `pending` settles the calls of level `level`. */
export interface Waiting {
  level: number;
  /** the one call `pending` gives the value of; null when `pending` stores values itself */
  call: PlannedCall | null;
  pending: PromiseLike<unknown>;
}

/**
 * Starts every call of level `index`. Returns undefined when all of them finished synchronously
 * (throwing the first failure, if any); otherwise what to wait for.
 */
function startLevel(
  plan: DependencyPlan,
  index: number,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  skip: readonly boolean[] | null,
): Waiting | undefined {
  const level = plan.levels[index]!;
  let calls: PlannedCall[] | undefined;
  let pending: PromiseLike<unknown>[] | undefined;
  let failed = false;
  let failure: unknown;
  for (let i = 0; i < level.length; i++) {
    const call = level[i]!;
    if (skip?.[call.node]) continue;
    try {
      const running = begin(call, args, ctx, stack, plan.appScope);
      if (running === undefined) continue;
      if (pending === undefined) {
        calls = [call];
        pending = [running];
      } else {
        calls!.push(call);
        pending.push(running);
      }
    } catch (error) {
      if (!failed) {
        failed = true;
        failure = error;
      }
    }
  }
  if (pending === undefined) {
    if (failed) throw failure;
    return undefined;
  }
  if (pending.length === 1 && !failed)
    return { level: index, call: calls![0]!, pending: pending[0]! };
  // settle every call before failing, so no generator opens after teardown has begun
  const settled = Promise.allSettled(pending).then((results) => {
    for (let i = 0; i < results.length; i++) {
      const result = results[i]!;
      if (result.status === "fulfilled") assign(calls![i]!, args, result.value);
      else if (!failed) {
        failed = true;
        failure = result.reason;
      }
    }
    if (failed) throw failure;
  });
  return { level: index, call: null, pending: settled };
}

/**
 * Runs the planned dependencies level by level from level `from`, as long as they answer
 * synchronously; the calls of one level all start before any is awaited, so independent async
 * dependencies wait concurrently. Returns undefined when every level is done (or throws the
 * first failure), else where to wait: await `pending`, `storeWaited`, and start again from the
 * next level. Routes whose dependencies are all synchronous make no promise at all.
 */
export function startDependencies(
  plan: DependencyPlan,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  /** per node: its params (or a dependency it uses) failed validation, so it is not called */
  skip: readonly boolean[] | null,
  from: number,
): Waiting | undefined {
  for (let i = from; i < plan.levels.length; i++) {
    const waiting = startLevel(plan, i, args, ctx, stack, skip);
    if (waiting !== undefined) return waiting;
  }
  return undefined;
}

/** Stores the value a `Waiting` was waiting for. */
export function storeWaited(
  waiting: Waiting,
  args: Record<string, unknown>[],
  value: unknown,
): void {
  if (waiting.call !== null) assign(waiting.call, args, value);
}

/** Runs every planned dependency (see `startDependencies`). */
export async function solveDependencies(
  plan: DependencyPlan,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
  skip: readonly boolean[] | null = null,
): Promise<void> {
  let waiting = startDependencies(plan, args, ctx, stack, skip, 0);
  while (waiting !== undefined) {
    storeWaited(waiting, args, await waiting.pending);
    waiting = startDependencies(plan, args, ctx, stack, skip, waiting.level + 1);
  }
}
