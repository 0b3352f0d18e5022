import { inspect } from "node:util";
import type { RequestContext } from "./context.js";
import type { OutgoingResponse } from "./outgoing.js";

/** "Error: boom\n    at …" for an Error; the value itself for anything else thrown */
function traceOf(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `Uncaught value: ${typeof error === "string" ? error : printable(error)}`;
}

/** JSON when the value has it; else node's inspection (a cycle or a BigInt cannot be JSON) */
function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return inspect(value, { depth: 4 });
  }
}

/**
 * The error's trace and the traces of its causes, oldest first, as Python prints chained
 * exceptions. At most 10 causes: a cycle of causes stops there.
 */
export function formatTraceback(error: unknown): string {
  const chain: unknown[] = [error];
  for (let e = error; e instanceof Error && e.cause !== undefined && chain.length < 11; ) {
    e = e.cause;
    chain.push(e);
  }
  return `${chain
    .reverse()
    .map(traceOf)
    .join("\n\nThe above error was the cause of the following error:\n\n")}\n`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function headlineOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : "Uncaught value";
}

/**
 * The 500 of an app built with `debug: true` (Starlette's `ServerErrorMiddleware(debug=True)`):
 * the traceback as plain text, or as an HTML page when the client accepts `text/html`.
 * Development only: it shows the server's code paths and error messages to whoever asks.
 */
export function debugErrorResponse(ctx: RequestContext, error: unknown): OutgoingResponse {
  const trace = formatTraceback(error);
  if (ctx.header("accept")?.includes("text/html")) {
    const body = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Tailor Debugger</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}pre{background:#f5f5f5;padding:1em;overflow:auto}</style>
</head>
<body>
<h1>500 Server Error</h1>
<h2>${escapeHtml(headlineOf(error))}</h2>
<pre>${escapeHtml(trace)}</pre>
</body>
</html>
`;
    return { status: 500, headers: { "content-type": "text/html; charset=utf-8" }, body };
  }
  return { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: trace };
}
