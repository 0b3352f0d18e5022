// A route's params and response across the switch from the interpreter to the generated
// accept-path (after GENERATE_AFTER validations of a schema): every answer, accepted or
// refused, must be the same on each request, and FastAPI's.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Header, Query, TestClient } from "../../src/index.js";
import { GENERATE_AFTER } from "../../src/schema/validator.js";

const RUNS = GENERATE_AFTER * 2 + 1;

/** each request's [status, body] on every run, which must not change from the first */
async function sameEveryRun(requests: (() => Promise<Response>)[]) {
  const first: unknown[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [i, send] of requests.entries()) {
      const r = await send();
      const answer = [r.status, await r.json()];
      if (run === 0) first[i] = answer;
      else expect(answer, `request ${i}, run ${run}`).toEqual(first[i]);
    }
  }
  return first;
}

describe("a route across the switch to generated validation", () => {
  it("converts query and header strings as pydantic does, on every request", async () => {
    const app = new App();
    app.get(
      "/q",
      {
        params: {
          b: Query(z.boolean().optional()),
          n: Query(z.int().optional()),
          f: Query(z.number().optional()),
          l: Query(z.array(z.int()).default([])),
          h: Header(z.int().optional(), { alias: "x-n" }),
        },
      },
      (a) => a,
    );
    const client = new TestClient(app);
    const answers = await sameEveryRun([
      () => client.get("/q?b=on&n=%2B1&l=1&f=.5"),
      () => client.get("/q?b=True&n=%201&l=1&l=2", { headers: { "x-n": "7" } }),
      () => client.get("/q?n=1e2"),
      () => client.get("/q?f=inf"),
      () => client.get("/q?b=2&l=x"),
    ]);
    expect(answers.slice(0, 2)).toEqual([
      [200, { b: true, n: 1, f: 0.5, l: [1] }],
      [200, { b: true, n: 1, l: [1, 2], h: 7 }],
    ]);
    expect(
      answers
        .slice(2)
        .map((a) => (a as [number, { detail: { type: string }[] }])[1].detail.map((d) => d.type)),
    ).toEqual([["int_parsing"], ["finite_number"], ["bool_parsing", "int_parsing"]]);
  });

  it("shares one schema between a param, a body and a response", async () => {
    const Item = z.object({
      name: z.string().min(1),
      price: z.number().gt(0),
      tags: z.array(z.string()).default([]),
    });
    const app = new App();
    app.post("/items", { params: { item: Body(Item) }, response: Item }, ({ item }) => ({
      ...item,
      secret: 1,
    }));
    app.get(
      "/items/first",
      { params: { name: Query(Item.shape.name) }, response: Item },
      ({ name }) => ({ name, price: 1 }),
    );
    const client = new TestClient(app);
    const answers = await sameEveryRun([
      () => client.post("/items", { json: { name: "a", price: "2" } }),
      () => client.post("/items", { json: { name: "", price: 0 } }),
      () => client.get("/items/first?name=b"),
    ]);
    expect(answers).toEqual([
      [200, { name: "a", price: 2, tags: [] }],
      [422, expect.objectContaining({ detail: expect.any(Array) })],
      [200, { name: "b", price: 1, tags: [] }],
    ]);
  });
});
