import { encodeJson } from "../../src/responses/response.js";
const items = Array.from({ length: 100 }, (_, i) => ({ id: i, name: `item ${i}`, price: i * 1.5, tags: ["a", "b"], owner: { id: 1, email: "a@x.io" } }));
const payload = { items, total: 100 };
for (const [name, f] of [["JSON.stringify", (v: unknown) => JSON.stringify(v)], ["encodeJson", encodeJson]] as const) {
  for (let r = 0; r < 2; r++) {
    const t = performance.now(); let n = 0;
    while (performance.now() - t < 1500) { for (let i = 0; i < 100; i++) f(payload); n += 100; }
    console.log(name, ((performance.now() - t) * 1000 / n).toFixed(1), "µs/op");
  }
}
