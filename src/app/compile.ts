import type { AppScope } from "../dependencies/app-scope.js";
import {
  planDependencies,
  solveDependencies,
  startDependencies,
  storeWaited,
  TeardownStack,
  type Waiting,
} from "../dependencies/solve.js";
import { RequestValidationError, ResponseValidationError } from "../errors/validation.js";
import { decodeJsonBody } from "../http/body.js";
import type { RequestContext } from "../http/context.js";
import { type FormLimits, readFormBody, resolveFormLimits } from "../http/form-body.js";
import type { ResponseDraft } from "../http/response-draft.js";
import { isBodylessStatus } from "../internal/status.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import { bodyKindOf } from "../params/analyze.js";
import { compileParam, validatorFor } from "../params/compile.js";
import { eventItems, isEventSourceClass } from "../responses/event-stream.js";
import { compileResponseFilter } from "../responses/filter.js";
import { isGeneratorFunction, jsonLines } from "../responses/json-lines.js";
import {
  encodeJson,
  type OutgoingResponse,
  Response,
  type ResponseInit,
} from "../responses/response.js";
import { StreamingResponse } from "../responses/streaming.js";
import { declaredFields } from "../schema/index.js";
import type { ValidationErrorDetail } from "../schema/types.js";
import type { CompiledRoute, RouteRecord } from "./route-record.js";

export interface CompileSettings {
  bodyLimit: number;
  strictContentType: boolean;
  /** the app's limits for form and multipart bodies (defaults in http/form-body.ts) */
  formLimits?: FormLimits;
  /** logs an error raised after the response was sent (teardown, background task) */
  logError(message: string, error: unknown): void;
  /** the app's app-scoped dependency values */
  appScope?: AppScope;
}

const RESPONSE_LOC = ["response"];
/** the stack of a graph without generators: nothing is ever pushed onto it */
const NO_TEARDOWN = new TeardownStack();

function newArgs(count: number): Record<string, unknown>[] {
  const args: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) args.push({});
  return args;
}

/** Merges what the handler set on `ctx.response` (headers, cookies) into its response. */
function applyDraft(response: OutgoingResponse, draft: ResponseDraft): void {
  for (const [name, headerValue] of draft.headers) response.headers[name] = headerValue;
  if (draft.cookies.length > 0) {
    const existing = response.headers["set-cookie"];
    response.headers["set-cookie"] = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      ...draft.cookies,
    ];
  }
}

/**
 * Builds the one closure that serves a route: reads only the sources it declares, validates
 * everything (all errors in one 422), solves dependencies, calls the handler, and renders the
 * result through the response schema. Everything decidable now is decided now.
 */
export function compileRoute(route: RouteRecord, settings: CompileSettings): CompiledRoute {
  const { graph, options } = route;
  const bodyParams = graph.nodes.flatMap((node) => node.params.filter((p) => p.source === "body"));
  const embedBody = bodyParams.length > 1 || bodyParams.some((p) => p.options.embed === true);
  const params = graph.nodes.flatMap((node) =>
    node.params.map((param) => compileParam(node.id, param, embedBody)),
  );
  const hasBody = bodyParams.length > 0;
  // a form route never reads its body as JSON, a JSON route never parses a form
  const hasForm =
    bodyKindOf(
      graph.nodes.flatMap((node) => node.params),
      route.where,
    ) === "form";
  const formLimits = resolveFormLimits(settings.formLimits, options.formLimits);
  const plan = planDependencies(graph, settings.appScope ?? null);
  const nodeCount = plan.nodeCount;
  const rootId = graph.root.id;
  const rootSpecials = plan.rootSpecials;
  const hasDependencies = plan.levels.length > 0;
  // node -> the nodes it uses, to skip every dependency above an invalid one
  const usedBy = graph.nodes.map((node) => node.uses.map((use) => use.node.id));
  const spreadInvalid = (invalid: boolean[]): boolean[] => {
    for (let id = 0; id < nodeCount; id++) {
      if (!invalid[id] && usedBy[id]!.some((used) => invalid[used])) invalid[id] = true;
    }
    return invalid;
  };
  const handler = route.handler;
  const responseValidator = options.response ? validatorFor(options.response, "json") : null;
  const filter = compileResponseFilter({
    excludeUnset: options.responseExcludeUnset,
    declaredFields: options.response ? declaredFields(options.response) : null,
    excludeNone: options.responseExcludeNone,
    include: options.responseInclude,
  });
  const status = options.status ?? 200;
  const responseClass = options.responseClass;
  const bodyLimit = options.bodyLimit ?? settings.bodyLimit;
  const strict = settings.strictContentType;
  const where = route.where;

  const logFailures = (failures: unknown[]) => {
    for (const failure of failures)
      settings.logError(`teardown of a dependency of ${where} failed`, failure);
  };

  const renderValue = (result: unknown, ctx: RequestContext): OutgoingResponse => {
    if (result instanceof Response) return result;
    let value = result;
    if (responseValidator !== null) {
      const checked = responseValidator(result, RESPONSE_LOC);
      if (!checked.ok) throw new ResponseValidationError(checked.errors);
      value = checked.value;
    }
    if (filter !== null) value = filter(value, result);
    const draft = ctx.responseDraft;
    const finalStatus = draft?.status ?? status;
    let response: OutgoingResponse;
    if (responseClass !== undefined) {
      const explicit = draft?.status ?? options.status;
      response = new responseClass(value, explicit === undefined ? {} : { status: explicit });
    } else {
      response = {
        status: finalStatus,
        headers: { "content-type": "application/json" },
        body: isBodylessStatus(finalStatus) ? null : encodeJson(value),
      };
    }
    if (draft !== undefined) applyDraft(response, draft);
    return response;
  };

  // A generator handler streams its items as JSON Lines (FastAPI 0.134+), each item validated
  // and filtered like a returned value; an item that does not fit ends the stream.
  const checkItem = (item: unknown): unknown => {
    let value = item;
    if (responseValidator !== null) {
      const checked = responseValidator(item, RESPONSE_LOC);
      if (!checked.ok) throw new ResponseValidationError(checked.errors);
      value = checked.value;
    }
    return filter === null ? value : filter(value, item);
  };
  const renderItem = (item: unknown): string => encodeJson(checkItem(item));
  // with responseClass: EventSourceResponse the items become server-sent events instead
  const eventSource = isEventSourceClass(responseClass) ? responseClass! : null;
  const renderItems = (result: unknown, ctx: RequestContext): OutgoingResponse => {
    if (result instanceof Response) return result;
    const draft = ctx.responseDraft;
    const items = result as AsyncIterable<unknown> | Iterable<unknown>;
    const response =
      eventSource !== null
        ? new eventSource(eventItems(items, checkItem), {
            status: draft?.status ?? status,
            keepAlive: options.keepAlive,
          } as ResponseInit)
        : new StreamingResponse(jsonLines(items, renderItem), {
            status: draft?.status ?? status,
            mediaType: "application/jsonl",
          });
    if (draft !== undefined) applyDraft(response, draft);
    return response;
  };
  const render = isGeneratorFunction(handler) ? renderItems : renderValue;

  const scheduleAfterSend = (ctx: RequestContext, stack: TeardownStack | null, error: unknown) => {
    if (error === undefined && ctx.hasBackground) {
      const tasks = ctx.background;
      ctx.onAfterSend(async () => {
        const failure = await tasks.run();
        if (failure !== undefined)
          settings.logError(`a background task of ${where} failed`, failure);
      });
    }
    if (stack !== null && stack.size > 0) {
      ctx.onAfterSend(async () => logFailures(await stack.close(error, false)));
    }
  };

  const respond = (result: unknown, ctx: RequestContext): OutgoingResponse => {
    const response = render(result, ctx);
    scheduleAfterSend(ctx, null, undefined);
    return response;
  };
  // a .then costs less than an async function's frame and await (measured: ~450 bytes a request)
  const respondLater = (pending: PromiseLike<unknown>, ctx: RequestContext) =>
    Promise.resolve(pending).then((result) => respond(result, ctx));
  const callHandler = (args: Record<string, unknown>, ctx: RequestContext) => {
    const result = handler(args, ctx);
    return isThenable(result) ? respondLater(result, ctx) : respond(result, ctx);
  };
  const setSpecials = (args: Record<string, unknown>, ctx: RequestContext) => {
    for (let i = 0; i < rootSpecials.length; i++)
      args[rootSpecials[i]![0]] = rootSpecials[i]![1](ctx);
  };

  if (!hasBody && !hasForm && !hasDependencies) {
    // No body to read, no dependency to await: validated and answered without a promise
    // unless the handler itself is async.
    return function runSimpleRoute(
      ctx: RequestContext,
    ): OutgoingResponse | Promise<OutgoingResponse> {
      const args: Record<string, unknown> = {};
      let errors: ValidationErrorDetail[] | undefined;
      for (let i = 0; i < params.length; i++) {
        const param = params[i]!;
        const raw = param.read(ctx, undefined);
        if (param.validate === null) {
          args[param.name] = raw;
          continue;
        }
        const checked = param.validate(raw, param.loc);
        if (checked.ok) args[param.name] = checked.value;
        else if (errors === undefined) errors = checked.errors.slice();
        else errors.push(...checked.errors);
      }
      if (errors !== undefined) throw new RequestValidationError(errors, undefined);
      setSpecials(args, ctx);
      return callHandler(args, ctx);
    };
  }

  /** reads and validates every param, then solves dependencies and calls the handler */
  const proceed = (ctx: RequestContext, body: unknown): MaybePromise<OutgoingResponse> => {
    // one argument object per graph node; most routes have one node (no dependencies)
    const args: Record<string, unknown>[] = nodeCount === 1 ? [{}] : newArgs(nodeCount);
    let errors: ValidationErrorDetail[] | undefined;
    let invalid: boolean[] | undefined;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      const raw = param.read(ctx, body);
      if (param.validate === null) {
        args[param.node]![param.name] = raw;
        continue;
      }
      const checked = param.validate(raw, param.loc);
      if (checked.ok) args[param.node]![param.name] = checked.value;
      else {
        if (errors === undefined) errors = checked.errors.slice();
        else errors.push(...checked.errors);
        if (hasDependencies) (invalid ??= new Array(nodeCount).fill(false))[param.node] = true;
      }
    }
    if (errors !== undefined && !hasDependencies) throw new RequestValidationError(errors, body);
    const rootArgs = args[rootId]!;
    setSpecials(rootArgs, ctx);
    if (!hasDependencies) return callHandler(rootArgs, ctx);
    // As FastAPI: a dependency whose own params (and sub-dependencies) are valid runs even if
    // other params failed, so an auth check answers 401 before a 422 reveals the schema.
    const skip = invalid === undefined ? null : spreadInvalid(invalid);
    if (plan.hasGenerators) return solveWithTeardown(ctx, body, args, errors, skip);
    // without generators there is nothing to tear down: a failure is simply thrown
    const waiting = startDependencies(plan, args, ctx, NO_TEARDOWN, skip, 0);
    if (waiting !== undefined) return afterWaiting(waiting, ctx, body, args, errors, skip);
    if (errors !== undefined) throw new RequestValidationError(errors, body);
    return callHandler(rootArgs, ctx);
  };

  /** the rest of a request once a dependency is pending (a .then: no async frame to keep) */
  const afterWaiting = (
    waiting: Waiting,
    ctx: RequestContext,
    body: unknown,
    args: Record<string, unknown>[],
    errors: ValidationErrorDetail[] | undefined,
    skip: boolean[] | null,
  ): Promise<OutgoingResponse> =>
    Promise.resolve(waiting.pending).then((value) => {
      storeWaited(waiting, args, value);
      const next = startDependencies(plan, args, ctx, NO_TEARDOWN, skip, waiting.level + 1);
      if (next !== undefined) return afterWaiting(next, ctx, body, args, errors, skip);
      if (errors !== undefined) throw new RequestValidationError(errors, body);
      return callHandler(args[rootId]!, ctx);
    });

  const solveWithTeardown = async (
    ctx: RequestContext,
    body: unknown,
    args: Record<string, unknown>[],
    errors: ValidationErrorDetail[] | undefined,
    skip: boolean[] | null,
  ): Promise<OutgoingResponse> => {
    const stack = new TeardownStack();
    try {
      await solveDependencies(plan, args, ctx, stack, skip);
      if (errors !== undefined) throw new RequestValidationError(errors, body);
      let result = handler(args[rootId]!, ctx);
      if (isThenable(result)) result = await result;
      logFailures(await stack.close(undefined, true));
      const response = render(result, ctx);
      scheduleAfterSend(ctx, stack, undefined);
      return response;
    } catch (error) {
      logFailures(await stack.close(error, true));
      scheduleAfterSend(ctx, stack, error);
      throw error;
    }
  };

  if (hasForm) {
    return function runFormRoute(ctx: RequestContext): Promise<OutgoingResponse> {
      return readFormBody(ctx, formLimits).then((form) => proceed(ctx, form));
    };
  }
  if (hasBody) {
    const decode = (ctx: RequestContext, bytes: Uint8Array) => {
      const body = decodeJsonBody(bytes, ctx.header("content-type"), strict);
      return body === null && !embedBody ? undefined : body; // a null body is a missing body
    };
    return function runBodyRoute(ctx: RequestContext): Promise<OutgoingResponse> {
      return ctx.body(bodyLimit).then((bytes) => proceed(ctx, decode(ctx, bytes)));
    };
  }
  // no body to read: sync dependencies and a sync handler answer without any promise
  return function runRoute(ctx: RequestContext): MaybePromise<OutgoingResponse> {
    return proceed(ctx, undefined);
  };
}
