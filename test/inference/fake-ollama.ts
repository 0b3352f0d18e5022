import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOllama {
  url: string;
  port: number;
  requests: { path: string; body: Record<string, unknown> }[];
  /** paths of requests whose client hung up before the answer ended */
  hungUp: string[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function ndjson(res: ServerResponse, objects: unknown[]): void {
  res.setHeader("content-type", "application/x-ndjson");
  for (const object of objects) res.write(`${JSON.stringify(object)}\n`);
  res.end();
}

/**
 * A stand-in for Ollama's HTTP API on 127.0.0.1. The model name picks the behaviour:
 * "hang" never answers, "broken" answers 500, "endless" streams a token every 10 ms until the
 * client leaves, "missing" answers 404; other models answer like Ollama does.
 */
export async function startFakeOllama(port = 0): Promise<FakeOllama> {
  const requests: FakeOllama["requests"] = [];
  const hungUp: string[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "";
    const body = await readJson(req);
    requests.push({ path, body });
    res.on("close", () => {
      if (!res.writableFinished) hungUp.push(path);
    });
    res.setHeader("content-type", "application/json");
    const model = body.model;
    if (path === "/api/tags") {
      res.end(
        JSON.stringify({ models: [{ name: "mistral:7b-instruct" }, { name: "nomic-embed-text" }] }),
      );
    } else if (model === "hang") {
      // accepts the request and never answers
    } else if (model === "missing") {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: "model 'missing' not found, try pulling it first" }));
    } else if (model === "broken") {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: "llama runner process has terminated: out of memory" }));
    } else if (model === "endless") {
      res.setHeader("content-type", "application/x-ndjson");
      const timer = setInterval(() => res.write('{"response":" more","done":false}\n'), 10);
      res.on("close", () => clearInterval(timer));
    } else if (path === "/api/generate" && body.stream === true) {
      ndjson(res, [
        { response: "Hel", done: false },
        { response: "lo", done: false },
        { response: "!", done: false },
        { response: "", done: true, done_reason: "stop", eval_count: 3 },
      ]);
    } else if (path === "/api/chat" && body.stream === true) {
      const tokens = ["Hi", " there"];
      ndjson(res, [
        ...tokens.map((content) => ({ message: { role: "assistant", content }, done: false })),
        { message: { role: "assistant", content: "" }, done: true, done_reason: "stop" },
      ]);
    } else if (path === "/api/generate") {
      res.end(
        JSON.stringify({
          response: `echo: ${body.prompt}`,
          done: true,
          done_reason: "stop",
          prompt_eval_count: 4,
          eval_count: 2,
        }),
      );
    } else if (path === "/api/chat") {
      const messages = body.messages as { content: string }[];
      res.end(
        JSON.stringify({
          message: { role: "assistant", content: `chat: ${messages.at(-1)?.content}` },
          done: true,
          done_reason: "length",
          prompt_eval_count: 7,
          eval_count: 3,
        }),
      );
    } else if (path === "/api/embed") {
      const input = body.input as string[];
      res.end(JSON.stringify({ embeddings: input.map((_, index) => [index, 0.5, 0.25]) }));
    } else {
      res.statusCode = 404;
      res.end("404 page not found");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    hungUp,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
