import { RequestValidationError } from "../errors/validation.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { recordServerError } from "../http/server-errors.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import type { ParamFailure } from "../params/extract.js";
import type { AppScope } from "./app-scope.js";
import type { RouteGraph } from "./graph.js";
import {
  type DependencyPlan,
  planDependencies,
  solveDependencies,
  startDependencies,
  storeWaited,
  TeardownStack,
  type Waiting,
} from "./solve.js";

type Args = Record<string, unknown>;

export interface SolverSettings {
  /** the app's app-scoped dependency values */
  appScope: AppScope | null;
  /** names the route in logs */
  where: string;
  /** logs an error raised after the response was sent (teardown, background task) */
  logError(message: string, error: unknown): void;
}

/** What a request goes on to once its dependencies are solved. */
export interface RouteCall {
  handler: (args: any, ctx: RequestContext) => unknown;
  /** the handler's result -> the response */
  render(result: unknown, ctx: RequestContext): OutgoingResponse;
  /** queues the request's background tasks to run after the response */
  scheduleBackground(ctx: RequestContext): void;
  /** handler, render and background in one step; no promise when the handler is sync */
  invoke(args: Args, ctx: RequestContext): MaybePromise<OutgoingResponse>;
}

/**
 * Where a request goes once it is settled: its response finished, or its error answered. Given
 * to `solve`, the dependency's own `.then` finishes the request: no `.then` chained after it.
 */
export interface Settle {
  finish(response: OutgoingResponse, ctx: RequestContext): MaybePromise<OutgoingResponse>;
  fail(ctx: RequestContext, error: unknown): MaybePromise<OutgoingResponse>;
}

/** the stack of a graph without generators: nothing is ever pushed onto it */
const NO_TEARDOWN = new TeardownStack();

/**
 * A route's dependency graph planned at compile time, solved per request: level by level, sync
 * dependencies without a promise, generator dependencies torn down after the response.
 */
export class RouteSolver {
  readonly nodeCount: number;
  readonly rootId: number;
  /** false: the handler is the only node, `solve` is never needed */
  readonly hasDependencies: boolean;
  readonly #plan: DependencyPlan;
  /** node -> the nodes it uses, to skip every dependency above an invalid one */
  readonly #usedBy: number[][];
  readonly #call: RouteCall;
  readonly #settings: SolverSettings;

  constructor(graph: RouteGraph, settings: SolverSettings, call: RouteCall) {
    this.#plan = planDependencies(graph, settings.appScope);
    this.nodeCount = this.#plan.nodeCount;
    this.rootId = graph.root.id;
    this.hasDependencies = this.#plan.levels.length > 0;
    this.#usedBy = graph.nodes.map((node) => node.uses.map((use) => use.node.id));
    this.#call = call;
    this.#settings = settings;
  }

  /** fills the handler's special params (`RequestParam()`, `BackgroundTasksParam()`, …) */
  setRootSpecials(args: Args, ctx: RequestContext): void {
    const specials = this.#plan.rootSpecials;
    for (let i = 0; i < specials.length; i++) args[specials[i]![0]] = specials[i]![1](ctx);
  }

  /**
   * Runs the dependencies, then the handler (or throws the params' 422 once the dependencies
   * that could run have run). `args` holds one object per node, params already extracted.
   * Given `settle`, a promise it returns is settled (finished, errors answered, never
   * rejects); a synchronous answer or throw is still the caller's to settle.
   */
  solve(
    ctx: RequestContext,
    body: unknown,
    args: Args[],
    failure: ParamFailure | undefined,
    settle?: Settle,
  ): MaybePromise<OutgoingResponse> {
    this.setRootSpecials(args[this.rootId]!, ctx);
    // As FastAPI: a dependency whose own params (and sub-dependencies) are valid runs even if
    // other params failed, so an auth check answers 401 before a 422 reveals the schema.
    const skip = failure?.invalid ? this.#spreadInvalid(failure.invalid) : null;
    if (this.#plan.hasGenerators) {
      const solving = this.#solveWithTeardown(ctx, body, args, failure, skip);
      return settle === undefined ? solving : settleLater(solving, ctx, settle);
    }
    // without generators there is nothing to tear down: a failure is simply thrown
    const waiting = startDependencies(this.#plan, args, ctx, NO_TEARDOWN, skip, 0);
    if (waiting !== undefined) {
      return settle === undefined
        ? this.#afterWaiting(waiting, ctx, body, args, failure, skip)
        : this.#settleAfterWaiting(waiting, ctx, body, args, failure, skip, settle);
    }
    if (failure !== undefined) throw new RequestValidationError(failure.errors, body);
    const response = this.#call.invoke(args[this.rootId]!, ctx);
    return settle === undefined || !isThenable<OutgoingResponse>(response)
      ? response
      : settleLater(response, ctx, settle);
  }

  #spreadInvalid(invalid: boolean[]): boolean[] {
    const usedBy = this.#usedBy;
    for (let id = 0; id < this.nodeCount; id++) {
      if (!invalid[id] && usedBy[id]!.some((used) => invalid[used])) invalid[id] = true;
    }
    return invalid;
  }

  /** the rest of a request once a dependency is pending (a .then: no async frame to keep) */
  #afterWaiting(
    waiting: Waiting,
    ctx: RequestContext,
    body: unknown,
    args: Args[],
    failure: ParamFailure | undefined,
    skip: boolean[] | null,
  ): Promise<OutgoingResponse> {
    return Promise.resolve(waiting.pending).then((value) => {
      storeWaited(waiting, args, value);
      const next = startDependencies(this.#plan, args, ctx, NO_TEARDOWN, skip, waiting.level + 1);
      if (next !== undefined) return this.#afterWaiting(next, ctx, body, args, failure, skip);
      if (failure !== undefined) throw new RequestValidationError(failure.errors, body);
      return this.#call.invoke(args[this.rootId]!, ctx);
    });
  }

  /**
   * `#afterWaiting` finishing the request in the dependency's own `.then`: a sync handler
   * answers there, with no `.then` after it to finish the response or answer its error.
   */
  #settleAfterWaiting(
    waiting: Waiting,
    ctx: RequestContext,
    body: unknown,
    args: Args[],
    failure: ParamFailure | undefined,
    skip: boolean[] | null,
    settle: Settle,
  ): Promise<OutgoingResponse> {
    return Promise.resolve(waiting.pending).then(
      (value) => {
        let response: MaybePromise<OutgoingResponse>;
        try {
          storeWaited(waiting, args, value);
          const level = waiting.level + 1;
          const next = startDependencies(this.#plan, args, ctx, NO_TEARDOWN, skip, level);
          if (next !== undefined)
            return this.#settleAfterWaiting(next, ctx, body, args, failure, skip, settle);
          if (failure !== undefined) throw new RequestValidationError(failure.errors, body);
          response = this.#call.invoke(args[this.rootId]!, ctx);
        } catch (error) {
          return settle.fail(ctx, error);
        }
        return settleAnswer(response, ctx, settle);
      },
      (error: unknown) => settle.fail(ctx, error),
    );
  }

  async #solveWithTeardown(
    ctx: RequestContext,
    body: unknown,
    args: Args[],
    failure: ParamFailure | undefined,
    skip: boolean[] | null,
  ): Promise<OutgoingResponse> {
    const stack = new TeardownStack();
    const call = this.#call;
    try {
      await solveDependencies(this.#plan, args, ctx, stack, skip);
      if (failure !== undefined) throw new RequestValidationError(failure.errors, body);
      let result = call.handler(args[this.rootId]!, ctx);
      if (isThenable(result)) result = await result;
      this.#logFailures(await stack.close(undefined, true));
      const response = call.render(result, ctx);
      call.scheduleBackground(ctx);
      this.#scheduleTeardown(ctx, stack, undefined);
      return response;
    } catch (error) {
      this.#logFailures(await stack.close(error, true));
      if (error === undefined) call.scheduleBackground(ctx);
      this.#scheduleTeardown(ctx, stack, error);
      throw error;
    }
  }

  #scheduleTeardown(ctx: RequestContext, stack: TeardownStack, error: unknown): void {
    if (stack.size === 0) return;
    ctx.onAfterSend(async () => {
      // a failed background task is thrown into the generators, as FastAPI 0.118+ does
      const thrown = error ?? (ctx.hasBackground ? ctx.background.failure : undefined);
      const failures = await stack.close(thrown, false);
      this.#logFailures(failures);
      if (failures.length > 0) recordServerError(ctx, failures[0]);
    });
  }

  #logFailures(failures: unknown[]): void {
    for (const failure of failures)
      this.#settings.logError(
        `teardown of a dependency of ${this.#settings.where} failed`,
        failure,
      );
  }
}

/** an answer finished by `settle`: at once when it is ready, else in its own `.then` */
export function settleAnswer(
  response: MaybePromise<OutgoingResponse>,
  ctx: RequestContext,
  settle: Settle,
): MaybePromise<OutgoingResponse> {
  return isThenable<OutgoingResponse>(response)
    ? settleLater(response, ctx, settle)
    : settle.finish(response, ctx);
}

/** a pending answer, finished or its error answered by `settle` */
function settleLater(
  pending: PromiseLike<OutgoingResponse>,
  ctx: RequestContext,
  settle: Settle,
): Promise<OutgoingResponse> {
  return Promise.resolve(pending).then(
    (response) => settle.finish(response, ctx),
    (error: unknown) => settle.fail(ctx, error),
  );
}
