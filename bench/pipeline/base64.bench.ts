// What a base64Bytes() field costs: a 4 KiB payload (an embedding or a thumbnail) decoded by
// the compiled validator, by Zod's own parse of the same schema, and by Buffer.from alone; and
// a response's bytes written as base64 JSON.
// Run: npx tsx bench/pipeline/base64.bench.ts
import { randomBytes } from "node:crypto";
import { bench, run, summary } from "mitata";
import { z } from "zod";
import { encodeJson } from "../../src/responses/response.js";
import { base64Bytes, validatorFor } from "../../src/schema/index.js";

const Payload = z.object({ name: z.string(), data: base64Bytes() });
const bytes = randomBytes(4096);
const body = { name: "thumb.png", data: bytes.toString("base64") };
const loc = ["body"];
const compiled = validatorFor(Payload, "json");
const decoded = compiled(body, loc);
if (!decoded.ok) throw new Error("the payload should decode");

summary(() => {
  bench("Buffer.from(text, 'base64') alone", () => Buffer.from(body.data, "base64"));
  bench("request field, compiled validator", () => compiled(body, loc));
  bench("request field, Zod's parse", () => Payload.safeParse(body));
});
summary(() => {
  bench("response: plain bytes as UTF-8 text", () => encodeJson({ name: "x", data: bytes }));
  bench("response: base64Bytes() value as base64", () => encodeJson(decoded.value));
});

await run();
