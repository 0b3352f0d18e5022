// Cost of the JSON writer against bare JSON.stringify: a plain 100-item payload (the walk that
// finds no Set/Map/typed array/bigint, then JSON.stringify) and the same payload with a Set in
// each item (the replacer path). Run: npx tsx bench/encoder/encode-json.ts
import { encodeJson } from "../../src/responses/response.js";

const items = Array.from({ length: 100 }, (_, i) => ({
  id: i,
  name: `item ${i}`,
  price: i * 1.5,
  tags: ["a", "b"],
  owner: { id: 1, email: "a@x.io" },
}));
const plain = { items, total: 100 };
const special = { items: items.map((item) => ({ ...item, tags: new Set(item.tags) })), total: 100 };

const cases: [string, (value: unknown) => string, unknown][] = [
  ["JSON.stringify, plain", (v) => JSON.stringify(v), plain],
  ["encodeJson, plain", encodeJson, plain],
  ["encodeJson, a Set per item", encodeJson, special],
];
for (const [name, encode, value] of cases) {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      for (let i = 0; i < 100; i++) encode(value);
      n += 100;
    }
    best = Math.min(best, ((performance.now() - start) * 1000) / n);
  }
  console.log(`${name}: ${best.toFixed(1)} µs/op (best of 3 one-second rounds)`);
}
