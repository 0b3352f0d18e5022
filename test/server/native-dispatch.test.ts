import { afterAll, describe, expect, it } from "vitest";
import { App, serve, serveBun, serveDeno } from "../../src/index.js";
import { currentRuntime } from "../../src/server/native-dispatch.js";

describe("serve() on node", () => {
  const running = serve(new App(), { port: 0 });
  afterAll(async () => (await running).close());

  it("knows it runs on node and listens with node:http", async () => {
    expect(currentRuntime()).toBe("node");
    const { server } = await running;
    expect(typeof server.headersTimeout).toBe("number");
  });

  it("refuses serveBun and serveDeno outside their runtimes, naming serve() instead", async () => {
    await expect(serveBun(new App())).rejects.toThrow("serveBun() runs on Bun only");
    await expect(serveDeno(new App())).rejects.toThrow("serveDeno() runs on Deno only");
  });
});
