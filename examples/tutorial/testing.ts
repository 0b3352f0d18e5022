import { z } from "zod";
import { App, Query, TestClient } from "../../src/index.js";

// #region testing
export const app = new App();

app.get("/greet", { params: { name: Query(z.string().min(1)) } }, function greet({ name }) {
  return { message: `Hello ${name}` };
});

// In a test file: `const r = await client.get(...)` gives a fetch Response.
export async function greetAlice(): Promise<{ status: number; body: unknown }> {
  const client = new TestClient(app); // in-process: no socket, no port
  const response = await client.get("/greet", { params: { name: "Alice" } });
  return { status: response.status, body: await response.json() };
}
// #endregion testing

// #region server-errors
app.get("/broken", {}, function broken() {
  throw new Error("database is down");
});

// By default the error behind a 500 rejects the request, so a test fails with its stack;
// `raiseServerExceptions: false` returns the 500 the client would get instead.
export async function brokenAsClientsSeeIt(): Promise<{ raised: string; status: number }> {
  const raised = await new TestClient(app).get("/broken").then(
    () => "nothing",
    (error: Error) => error.message,
  );
  const quiet = new TestClient(app, { raiseServerExceptions: false });
  return { raised, status: (await quiet.get("/broken")).status };
}
// #endregion server-errors
