// compileValidator vs Zod's own safeParse on a 6-field nested object (valid and invalid input).
// Run: npx tsx bench/pipeline/validation.bench.ts
import { bench, run, summary } from "mitata";
import { z } from "zod";
import { compileValidator } from "../../src/schema/index.js";

const Order = z.object({
  id: z.number().int().min(1),
  customer: z.string().min(1).max(50),
  email: z.string().email(),
  paid: z.boolean().default(false),
  items: z.array(z.object({ sku: z.string(), qty: z.number().int().gt(0) })).max(20),
  shipping: z.object({ city: z.string(), zip: z.string().regex(/^\d{5}$/) }),
});

const valid = {
  id: 42,
  customer: "Ada",
  email: "ada@example.com",
  items: [
    { sku: "A-1", qty: 2 },
    { sku: "B-7", qty: 1 },
  ],
  shipping: { city: "Paris", zip: "75001" },
};
const invalid = { ...valid, id: 0, items: [{ sku: 1, qty: 0 }], shipping: { city: "Paris" } };

const validate = compileValidator(Order, { input: "json" });
const loc = ["body"];

summary(() => {
  bench("compileValidator (valid)", () => validate(valid, loc));
  bench("zod safeParse (valid)", () => Order.safeParse(valid));
});
summary(() => {
  bench("compileValidator (invalid)", () => validate(invalid, loc));
  bench("zod safeParse (invalid)", () => Order.safeParse(invalid));
});

await run();
