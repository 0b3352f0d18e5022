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
