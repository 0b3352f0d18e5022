import type { AppScope } from "../dependencies/app-scope.js";
import type { RouteGraph } from "../dependencies/graph.js";
import { planDependencies, solveDependencies, TeardownStack } from "../dependencies/solve.js";
import { ConfigError } from "../errors/config-error.js";
import { HTTPException } from "../errors/http-exception.js";
import { RequestValidationError } from "../errors/validation.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import { compileParam } from "../params/compile.js";
import type { ValidationErrorDetail } from "../schema/index.js";
import { WebSocket, type WebSocketLimits } from "./connection.js";
import type { WebSocketDeclaration } from "./declaration.js";
import { WebSocketDisconnect, WebSocketException } from "./errors.js";

/** Runs one WebSocket connection of a route, from the handshake to the teardown. */
export type CompiledWebSocketRoute = (
  ctx: RequestContext,
  transport: WebSocketTransport,
) => Promise<void>;

export interface WebSocketCompileSettings {
  limits: WebSocketLimits;
  appScope: AppScope | null;
  logError(message: string, error: unknown): void;
}

/** 1008 (policy violation): what FastAPI closes with when a handshake's params are invalid */
const POLICY_VIOLATION = 1008;
/** 1011: the server hit an unexpected condition */
const INTERNAL_ERROR = 1011;

/** The handshake's plain HTTP answer: `{"detail": …}` as for an HTTP route, or a bare status. */
export function denial(status: number, detail?: unknown, headers?: Record<string, string>) {
  const response: OutgoingResponse = { status, headers: {}, body: null };
  for (const name in headers) response.headers[name.toLowerCase()] = headers[name]!;
  if (detail !== undefined) {
    response.headers["content-type"] = "application/json";
    response.body = JSON.stringify({ detail });
  }
  return response;
}

/** A handshake has no body: body, form and file params are a ConfigError at registration. */
export function checkHandshakeParams(graph: RouteGraph, where: string): void {
  for (const node of graph.nodes) {
    for (const param of node.params) {
      if (param.source === "body" || param.source === "form" || param.source === "file") {
        throw new ConfigError(
          "E_ROUTE_OPTION",
          where,
          `"${param.name}" is a ${param.source} param, but a WebSocket handshake has no body. ` +
            "Read messages with ws.receiveJson() instead.",
        );
      }
    }
  }
}

/**
 * Builds what serves a WebSocket route: params read from the handshake and validated before
 * the handler runs (invalid → close 1008 with the errors as reason), dependencies solved as for
 * HTTP routes, generator dependencies torn down once the socket has closed.
 */
export function compileWebSocketRoute(
  declaration: WebSocketDeclaration,
  graph: RouteGraph,
  where: string,
  settings: WebSocketCompileSettings,
): CompiledWebSocketRoute {
  checkHandshakeParams(graph, where);
  const params = graph.nodes.flatMap((node) =>
    node.params.map((param) => compileParam(node.id, param, false)),
  );
  const plan = planDependencies(graph, settings.appScope);
  const rootId = graph.root.id;
  const handler = declaration.handler;
  const { limits, logError } = settings;

  const fail = async (ws: WebSocket, transport: WebSocketTransport, error: unknown) => {
    if (error instanceof WebSocketDisconnect) return; // the peer is gone: nothing to answer
    if (error instanceof WebSocketException) return ws.close(error.code, error.reason);
    if (error instanceof RequestValidationError)
      return ws.close(POLICY_VIOLATION, JSON.stringify(error.errors));
    if (ws.state === "connecting") {
      if (error instanceof HTTPException)
        return transport.deny(denial(error.status, error.detail, error.headers));
      logError(`WebSocket handler ${where} failed`, error);
      return transport.deny(denial(500));
    }
    if (!(error instanceof HTTPException)) logError(`WebSocket handler ${where} failed`, error);
    return ws.close(INTERNAL_ERROR, "");
  };

  return async function runWebSocketRoute(ctx, transport) {
    const ws = new WebSocket(transport, limits);
    const args: Record<string, unknown>[] = graph.nodes.map(() => ({}));
    let errors: ValidationErrorDetail[] | undefined;
    for (const param of params) {
      const raw = param.read(ctx, undefined);
      if (param.validate === null) {
        args[param.node]![param.name] = raw;
        continue;
      }
      const checked = param.validate(raw, param.loc);
      if (checked.ok) args[param.node]![param.name] = checked.value;
      else (errors ??= []).push(...checked.errors);
    }
    if (errors !== undefined) return ws.close(POLICY_VIOLATION, JSON.stringify(errors));
    const stack = new TeardownStack();
    let failure: unknown;
    try {
      await solveDependencies(plan, args, ctx, stack);
      await handler(ws, args[rootId]!, ctx);
      if (ws.state === "connecting") transport.deny(denial(403));
      else await ws.close(1000);
    } catch (error) {
      failure = error;
      await fail(ws, transport, error);
    } finally {
      // as FastAPI: generator dependencies see the error that ended the socket at their yield
      for (const raised of await stack.close(failure, false))
        logError(`teardown of a dependency of ${where} failed`, raised);
    }
  };
}
