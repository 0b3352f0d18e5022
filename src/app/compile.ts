import type { AppScope } from "../dependencies/app-scope.js";
import {
  type RouteCall,
  RouteSolver,
  type Settle,
  settleAnswer,
} from "../dependencies/route-solver.js";
import { RequestValidationError } from "../errors/validation.js";
import type { RequestContext } from "../http/context.js";
import type { FormLimits } from "../http/form-body.js";
import type { ResolvedJsonLimits } from "../http/json-guard.js";
import { internalErrorResponse } from "../http/outgoing.js";
import { recordServerError } from "../http/server-errors.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import { ParamExtractor } from "../params/extract.js";
import { compileRender } from "../responses/render.js";
import type { OutgoingResponse } from "../responses/response.js";
import type { CompiledRoute, RouteFailure, RouteRecord } from "./route-record.js";
import { finishResponse } from "./route-table.js";

export interface CompileSettings {
  bodyLimit: number;
  strictContentType: boolean;
  /** the app's limits for form and multipart bodies (defaults in http/form-body.ts) */
  formLimits?: FormLimits;
  /** the app's limits for JSON bodies (defaults in http/json-guard.ts) */
  jsonLimits?: ResolvedJsonLimits;
  /** logs an error raised after the response was sent (teardown, background task) */
  logError(message: string, error: unknown): void;
  /** the app's app-scoped dependency values */
  appScope?: AppScope;
}

function newArgs(count: number): Record<string, unknown>[] {
  const args: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) args.push({});
  return args;
}

/**
 * Builds the one closure that serves a route from the compilers of each concern: params
 * (`params/extract.ts`), dependencies (`dependencies/route-solver.ts`) and the response
 * (`responses/render.ts`). Everything decidable now is decided now.
 */
export function compileRoute(route: RouteRecord, settings: CompileSettings): CompiledRoute {
  const { graph, options, where, handler } = route;
  const extractor = new ParamExtractor(graph.nodes, where, settings, options);
  const render = compileRender(options, handler);

  const scheduleBackground = (ctx: RequestContext): void => {
    if (!ctx.hasBackground) return;
    const tasks = ctx.background;
    ctx.onAfterSend(async () => {
      const failure = await tasks.run();
      if (failure === undefined) return;
      settings.logError(`a background task of ${where} failed`, failure);
      recordServerError(ctx, failure);
    });
  };
  const respond = (result: unknown, ctx: RequestContext): OutgoingResponse => {
    const response = render(result, ctx);
    scheduleBackground(ctx);
    return response;
  };
  // a .then costs less than an async function's frame and await (measured: ~450 bytes a request)
  const respondLater = (pending: PromiseLike<unknown>, ctx: RequestContext) =>
    Promise.resolve(pending).then((result) => respond(result, ctx));
  const invoke = (args: Record<string, unknown>, ctx: RequestContext) => {
    const result = handler(args, ctx);
    return isThenable(result) ? respondLater(result, ctx) : respond(result, ctx);
  };
  const call: RouteCall = { handler, render, scheduleBackground, invoke };
  const solver = new RouteSolver(
    graph,
    { ...settings, appScope: settings.appScope ?? null, where },
    call,
  );

  /** reads and validates every param, then solves dependencies and calls the handler */
  const proceed = (ctx: RequestContext, body: unknown): MaybePromise<OutgoingResponse> => {
    if (solver.hasDependencies) {
      // one argument object per graph node
      const args = newArgs(solver.nodeCount);
      return solver.solve(ctx, body, args, extractor.extract(ctx, body, args));
    }
    const args: Record<string, unknown> = {};
    const failure = extractor.extract(ctx, body, args);
    if (failure !== undefined) throw new RequestValidationError(failure.errors, body);
    solver.setRootSpecials(args, ctx);
    return invoke(args, ctx);
  };

  // Given the table's `fail`, the route's own last .then also finishes the response and answers
  // its errors, where the table would chain a .then of its own (a promise and a microtask:
  // 0.4–0.5 µs a request alone, bench/NODE-OVERHEAD.md step 5); given a `ctx.sink` as well, it
  // also sends the answer, where the server would chain another. The table's `fail` is the same
  // on every request, so its Settles are made once.
  let settles: [Settle, Settle] | undefined;
  let settleFail: RouteFailure | undefined;
  const settleFor = (fail: RouteFailure, ctx: RequestContext): Settle => {
    if (fail !== settleFail || settles === undefined) {
      settleFail = fail;
      settles = [
        { finish: finishResponse, fail: (ctx, error) => fail(ctx, error, route) },
        deliveringSettle((ctx, error) => fail(ctx, error, route)),
      ];
    }
    return ctx.sink === undefined ? settles[0] : settles[1];
  };

  // Per-route wrappers (limits, timeouts) wrap `run`: the route's one entry point.
  let run: CompiledRoute;
  if (extractor.bodyKind === null && solver.hasDependencies) {
    // an async dependency's .then settles the request
    const settled: CompiledRoute = (ctx, fail) => {
      const args = newArgs(solver.nodeCount);
      if (fail === undefined)
        return solver.solve(ctx, undefined, args, extractor.extract(ctx, undefined, args));
      try {
        const failure = extractor.extract(ctx, undefined, args);
        const response = solver.solve(ctx, undefined, args, failure, settleFor(fail, ctx));
        if (!isThenable<OutgoingResponse>(response)) return finishResponse(response, ctx);
        // a promise from a settling solve is finished (and sent, given a sink) already
        if (ctx.sink !== undefined) ctx.sinkTaken = true;
        return response;
      } catch (error) {
        return fail(ctx, error, route);
      }
    };
    settled.settles = true;
    run = settled;
  } else if (extractor.bodyKind === null) {
    // no body to read: sync dependencies and a sync handler answer without any promise
    run = (ctx) => proceed(ctx, undefined);
  } else {
    const decoded = (ctx: RequestContext, received: unknown) =>
      proceed(ctx, extractor.decodeBody(ctx, received));
    /** `proceed`, settled: an async dependency's own .then settles, no .then chained after it */
    const proceedSettled = (ctx: RequestContext, received: unknown, settle: Settle) => {
      const body = extractor.decodeBody(ctx, received);
      if (!solver.hasDependencies) return settleAnswer(proceed(ctx, body), ctx, settle);
      const args = newArgs(solver.nodeCount);
      const failure = extractor.extract(ctx, body, args);
      const response = solver.solve(ctx, body, args, failure, settle);
      // a promise from a settling solve is settled already
      return isThenable<OutgoingResponse>(response) ? response : settle.finish(response, ctx);
    };
    // the body's one .then settles the request (or hands it to an async dependency's)
    const settled: CompiledRoute = (ctx, fail) => {
      const reading = extractor.readBody(ctx);
      if (fail === undefined) return reading.then((received) => decoded(ctx, received));
      const settle = settleFor(fail, ctx);
      if (ctx.sink !== undefined) ctx.sinkTaken = true;
      return reading.then(
        (received) => {
          try {
            return proceedSettled(ctx, received, settle);
          } catch (error) {
            return settle.fail(ctx, error);
          }
        },
        (error: unknown) => settle.fail(ctx, error),
      );
    };
    settled.settles = true;
    run = settled;
  }
  return run;
}

/**
 * A Settle that also sends what it settles through `ctx.sink`; the promise it ends never
 * rejects, so nothing has to listen to it.
 */
function deliveringSettle(
  fail: (ctx: RequestContext, error: unknown) => MaybePromise<OutgoingResponse>,
): Settle {
  return {
    finish(response, ctx) {
      let finished: OutgoingResponse;
      try {
        finished = finishResponse(response, ctx);
      } catch (error) {
        ctx.sink!.fail(ctx, error);
        return response;
      }
      ctx.sink!.deliver(ctx, finished);
      return finished;
    },
    fail(ctx, error) {
      const answer = fail(ctx, error);
      if (!isThenable<OutgoingResponse>(answer)) {
        ctx.sink!.deliver(ctx, answer);
        return answer;
      }
      return Promise.resolve(answer).then(
        (ready) => {
          ctx.sink!.deliver(ctx, ready);
          return ready;
        },
        (failure: unknown) => {
          ctx.sink!.fail(ctx, failure);
          return internalErrorResponse();
        },
      );
    },
  };
}
