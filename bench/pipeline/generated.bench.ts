// The generated accept-path against the interpreter, on the schemas of bench/http's scenarios:
// C's item body (a nested JSON object, then the same schema on the handler's return value read
// by field name) and B's three params from strings (path int, optional query string, bounded
// query int with a default), each as the route's params extractor calls it; then what building
// the generated function costs once per schema.
// Run: npx tsx bench/pipeline/generated.bench.ts
import { bench, do_not_optimize, run, summary } from "mitata";
import { z } from "zod";
import { generateAccept } from "../../src/schema/generate.js";
import { ACCEPT_FAIL, acceptorFor, compileValidator } from "../../src/schema/index.js";
import { ITEM } from "../http/scenarios.js";

const makeItem = () =>
  z.object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()),
    dimensions: z.object({ width: z.number(), height: z.number() }),
    in_stock: z.boolean(),
    sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
  });
const Item = makeItem();
const body = JSON.parse(JSON.stringify(ITEM));
const returned = { ...body, internal_cost: 1 };
const bad = { ...body, price: -1, sku: "bad" };

const interpreted = compileValidator(Item, { input: "json", generated: false });
const generated = compileValidator(Item, { input: "json" });
const acceptBody = acceptorFor(Item, "json");
const acceptReturned = acceptorFor(Item, "json", "name");
const loc = ["body"];

summary(() => {
  bench("C body: interpreter", () => do_not_optimize(interpreted(body, loc)));
  bench("C body: generated, through the Validator", () => do_not_optimize(generated(body, loc)));
  bench("C body: generated accept (no result object)", () => do_not_optimize(acceptBody(body)));
});
summary(() => {
  bench("C response: interpreter", () => do_not_optimize(interpreted(returned, loc)));
  bench("C response: generated accept", () => do_not_optimize(acceptReturned(returned)));
});
summary(() => {
  bench("C rejected: interpreter", () => do_not_optimize(interpreted(bad, loc)));
  bench("C rejected: generated, then the interpreter", () => do_not_optimize(generated(bad, loc)));
});

const params = [
  { schema: z.number().int(), raw: "42", loc: ["path", "item_id"] },
  { schema: z.string().max(50).optional(), raw: "widget", loc: ["query", "q"] },
  { schema: z.number().int().min(1).max(100).default(10), raw: "20", loc: ["query", "limit"] },
];
const paramInterpreters = params.map((p) =>
  compileValidator(p.schema, { input: "string", generated: false }),
);
const paramAcceptors = params.map((p) => acceptorFor(p.schema, "string"));
const args: Record<string, unknown> = {};

summary(() => {
  bench("B params: interpreter ({ ok, value } per param)", () => {
    for (let i = 0; i < 3; i++) {
      const checked = paramInterpreters[i]!(params[i]!.raw, params[i]!.loc);
      if (checked.ok) args[i] = checked.value;
    }
    return args;
  });
  bench("B params: generated accept", () => {
    for (let i = 0; i < 3; i++) {
      const value = paramAcceptors[i]!(params[i]!.raw);
      if (value !== ACCEPT_FAIL) args[i] = value;
    }
    return args;
  });
});

// what a schema costs once: building it (Zod), compiling the interpreter's nodes and the first
// validation, and generating its accept function (paid after GENERATE_AFTER validations)
summary(() => {
  bench("once: build the schema", () => do_not_optimize(makeItem()));
  bench("once: build + interpreter compile + first validation", () =>
    do_not_optimize(compileValidator(makeItem(), { input: "json", generated: false })(body, loc)),
  );
  bench("once: build + interpreter compile + generate + first accept", () => {
    const schema = makeItem();
    compileValidator(schema, { input: "json", generated: false });
    return do_not_optimize(generateAccept(schema, "json", "alias")!(body));
  });
});

await run();
