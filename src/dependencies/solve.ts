import type { RequestContext } from "../http/context.js";
import type { CallKind, GraphNode, RouteGraph } from "./graph.js";

/** A dependency ready to call per request. */
export interface PlannedCall {
  node: number;
  fn: (args: any, ctx: RequestContext) => unknown;
  callKind: CallKind;
  earlyTeardown: boolean;
  /** where the resolved value goes: [node, argument name] pairs */
  targets: [number, string][];
  specials: [string, (ctx: RequestContext) => unknown][];
}

/** Dependencies grouped by level: every call of a level only needs values of lower levels. */
export interface DependencyPlan {
  levels: PlannedCall[][];
  nodeCount: number;
  hasGenerators: boolean;
  rootSpecials: [string, (ctx: RequestContext) => unknown][];
}

/** A started generator dependency, closed after the response (or before it, for "function" scope). */
interface OpenGenerator {
  gen: Generator | AsyncGenerator;
  early: boolean;
}

export function planDependencies(graph: RouteGraph): DependencyPlan {
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
    if (node.callKind !== "plain") hasGenerators = true;
    (levels[node.level] ??= []).push({
      node: node.id,
      fn: node.fn,
      callKind: node.callKind,
      earlyTeardown: node.scope === "function",
      targets: targetsOf.get(node) ?? [],
      specials: node.specials.map(({ name, special }) => [name, special.resolve]),
    });
  }
  return {
    levels: levels.filter((level) => level !== undefined),
    nodeCount: graph.nodes.length,
    hasGenerators,
    rootSpecials: graph.root.specials.map(({ name, special }) => [name, special.resolve]),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** Per-request state of the generators a request opened. */
export class TeardownStack {
  readonly #open: OpenGenerator[] = [];

  push(gen: Generator | AsyncGenerator, early: boolean): void {
    this.#open.push({ gen, early });
  }

  get size(): number {
    return this.#open.length;
  }

  /**
   * Resumes each generator after its `yield`, newest first; with `error`, throws it in at the
   * `yield` instead (so `catch`/`finally` blocks see it). Returns errors the teardowns raised.
   */
  async close(error: unknown, onlyEarly: boolean): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (let i = this.#open.length - 1; i >= 0; i--) {
      const entry = this.#open[i]!;
      if (onlyEarly && !entry.early) continue;
      this.#open.splice(i, 1);
      try {
        if (error === undefined) await entry.gen.next();
        else await entry.gen.throw(error);
      } catch (raised) {
        if (raised !== error) failures.push(raised);
      }
    }
    return failures;
  }
}

async function callOne(
  call: PlannedCall,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
): Promise<void> {
  const own = args[call.node]!;
  for (const [name, resolve] of call.specials) own[name] = resolve(ctx);
  let value: unknown;
  if (call.callKind === "plain") {
    value = call.fn(own, ctx);
    if (isThenable(value)) value = await value;
  } else {
    const gen = call.fn(own, ctx) as Generator | AsyncGenerator;
    stack.push(gen, call.earlyTeardown);
    const step = await gen.next();
    if (step.done) throw new Error("a generator dependency returned without yielding a value");
    value = step.value;
  }
  for (const [node, name] of call.targets) args[node]![name] = value;
}

/** Runs the planned dependencies level by level; independent async ones run concurrently. */
export async function solveDependencies(
  plan: DependencyPlan,
  args: Record<string, unknown>[],
  ctx: RequestContext,
  stack: TeardownStack,
): Promise<void> {
  for (const level of plan.levels) {
    if (level.length === 1) await callOne(level[0]!, args, ctx, stack);
    else {
      // settle every call before failing, so no generator opens after teardown has begun
      const results = await Promise.allSettled(
        level.map((call) => callOne(call, args, ctx, stack)),
      );
      for (const result of results) if (result.status === "rejected") throw result.reason;
    }
  }
}
