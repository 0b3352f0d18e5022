import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../../examples/client/app.js";
import { tourOfTheClient } from "../../examples/client/client.js";
import { type RunningServer, serve, TestClient } from "../../src/index.js";

const expected = {
  title: "Typed clients",
  created: expect.any(Number),
  status: 201,
  error: { detail: "Note not found" },
  words: ["Streams", "as"],
};

describe("the typed client example", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(app, { port: 0, host: "127.0.0.1" });
  });
  afterAll(() => server.close());

  it("reads, creates, gets a typed error and streams from a served app", async () => {
    expect(await tourOfTheClient(server.url)).toEqual(expected);
  });

  it("does the same in process through TestClient's fetch", async () => {
    const result = await tourOfTheClient("http://testserver", new TestClient(app).fetch);
    expect(result).toEqual(expected);
  });
});
