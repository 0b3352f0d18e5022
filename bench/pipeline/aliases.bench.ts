// What field aliases cost: the same 6-field nested model with and without `.meta({ alias })`,
// validated as a request body (read by alias) and as a response (read by field name, then
// renamed to the aliases: what a route with responseByAlias does per returned value).
// Run: npx tsx bench/pipeline/aliases.bench.ts
import { bench, run, summary } from "mitata";
import { z } from "zod";
import { compileAliasRenamer, validatorFor } from "../../src/schema/index.js";

function order(alias: (name: string) => Record<string, string>) {
  const line = z.object({
    sku_code: z.string().meta(alias("skuCode")),
    qty: z.number().int().gt(0),
  });
  return z.object({
    order_id: z.number().int().min(1).meta(alias("orderId")),
    customer_name: z.string().min(1).max(50).meta(alias("customerName")),
    paid: z.boolean().default(false),
    items: z.array(line).max(20),
    shipping: z.object({ city: z.string(), zip_code: z.string().meta(alias("zipCode")) }),
  });
}
const Plain = order(() => ({}));
const Aliased = order((name) => ({ alias: name }));

const byName = {
  order_id: 42,
  customer_name: "Ada",
  items: [
    { sku_code: "A-1", qty: 2 },
    { sku_code: "B-7", qty: 1 },
  ],
  shipping: { city: "Paris", zip_code: "75001" },
};
const byAlias = {
  orderId: 42,
  customerName: "Ada",
  items: [
    { skuCode: "A-1", qty: 2 },
    { skuCode: "B-7", qty: 1 },
  ],
  shipping: { city: "Paris", zipCode: "75001" },
};

const loc = ["body"];
const plainRequest = validatorFor(Plain, "json");
const plainResponse = validatorFor(Plain, "json", "name");
const aliasedRequest = validatorFor(Aliased, "json");
const aliasedResponse = validatorFor(Aliased, "json", "name");
const rename = compileAliasRenamer(Aliased)!;

summary(() => {
  bench("request body, no aliases", () => plainRequest(byName, loc));
  bench("request body, aliases", () => aliasedRequest(byAlias, loc));
});
summary(() => {
  bench("response, no aliases", () => plainResponse(byName, loc));
  bench("response, aliases (validate by name + rename)", () => {
    const r = aliasedResponse(byName, loc);
    return r.ok ? rename(r.value) : r;
  });
});

await run();
