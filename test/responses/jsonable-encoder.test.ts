import { describe, expect, it } from "vitest";
import { App, jsonableEncoder } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

describe("jsonableEncoder", () => {
  it("turns sets, maps, typed arrays and bytes into JSON data, as jsonable_encoder does", () => {
    expect(
      jsonableEncoder({
        set: new Set([1, 2]),
        map: new Map<unknown, unknown>([
          ["a", 1],
          [2, new Set(["x"])],
        ]),
        embedding: new Float32Array([0.5, 0.25]),
        ints: new Int16Array([-1, 2]),
        bytes: Buffer.from("raw"),
        when: new Date("2024-01-02T03:04:05.678Z"),
        nested: [{ tags: new Set(["t"]) }],
        gone: undefined,
      }),
    ).toEqual({
      set: [1, 2],
      map: { a: 1, "2": ["x"] },
      embedding: [0.5, 0.25],
      ints: [-1, 2],
      bytes: "raw",
      when: "2024-01-02T03:04:05.678Z",
      nested: [{ tags: ["t"] }],
    });
  });

  it("keeps a bigint exact", () => {
    expect(jsonableEncoder({ big: 2n ** 64n })).toEqual({ big: 18446744073709551616n });
  });
});

function typesApp(): App {
  const app = new App();
  app.get("/types", {}, () => ({
    set: new Set([1]),
    map: new Map([["k", new Set([2])]]),
    embedding: new Float32Array([0.5, -1.25]),
    big: 2n ** 64n,
    bigs: new BigInt64Array([3n]),
    bytes: Buffer.from("raw"),
    plain: new Uint8Array([104, 105]),
    text: "\u0000-1\u0000",
    nul: { "\u00007\u0000": "\u0000\u0000" },
    dt: new Date("2024-01-02T03:04:05.678Z"),
    tuple: [1, 2],
  }));
  app.get("/plain", {}, () => ({ a: [1, { b: "c" }], d: null }));
  return app;
}

describeTransports("handler values through the JSON writer", typesApp, (client) => {
  it("a Set is a list, a Map an object, a Float32Array a list, bytes text, a bigint its digits; strings that look like one stay strings", async () => {
    const r = await client().request("GET", "/types");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(
      '{"set":[1],"map":{"k":[2]},"embedding":[0.5,-1.25],"big":18446744073709551616,' +
        '"bigs":[3],"bytes":"raw","plain":"hi","text":"\\u0000-1\\u0000",' +
        '"nul":{"\\u00007\\u0000":"\\u0000\\u0000"},' +
        '"dt":"2024-01-02T03:04:05.678Z","tuple":[1,2]}',
    );
  });

  it("plain data is written as JSON.stringify writes it", async () => {
    const r = await client().request("GET", "/plain");
    expect(await r.text()).toBe('{"a":[1,{"b":"c"}],"d":null}');
  });
});
