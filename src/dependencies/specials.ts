import type { BackgroundTasks } from "../background/tasks.js";
import type { RequestContext } from "../http/context.js";
import { SpecialParam } from "./dependency.js";

const backgroundOf = (ctx: RequestContext): BackgroundTasks => ctx.background;
const contextOf = (ctx: RequestContext): RequestContext => ctx;

/**
 * Injects the request's background tasks — the same object as `ctx.background` — so a
 * dependency or handler can queue work to run after the response is sent (FastAPI's
 * `background_tasks: BackgroundTasks` param).
 *
 * @example
 * const audit = dependency({ tasks: BackgroundTasksParam() }, ({ tasks }) => { tasks.add(writeLog, "read"); });
 */
export function BackgroundTasksParam(): SpecialParam<BackgroundTasks> {
  return new SpecialParam("BackgroundTasks", backgroundOf);
}

/**
 * Injects the request itself (FastAPI's `request: Request` param): the same `RequestContext`
 * a handler gets as its second argument, for dependencies written against their args only.
 *
 * @example
 * const clientHost = dependency({ request: RequestParam() }, ({ request }) => request.client?.host);
 */
export function RequestParam(): SpecialParam<RequestContext> {
  return new SpecialParam("Request", contextOf);
}
