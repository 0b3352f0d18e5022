// What reading an urlencoded form costs: Starlette's reading (src/http/urlencoded-body.ts)
// against busboy's urlencoded parser, which read these bodies before. Both get the whole body
// as one buffer, as a small form arrives. Run: npx tsx bench/forms/urlencoded.ts
import busboy from "busboy";
import { parseUrlencoded } from "../../src/http/urlencoded-body.js";

const LIMITS = { fields: 1000, fieldNameSize: 1000, fieldSize: 1024 * 1024 };

const BODIES: [string, Buffer][] = [
  ["login form (2 fields)", Buffer.from("username=alice&password=s3cret-pass%21")],
  [
    "OAuth2 password form (5 fields)",
    Buffer.from(
      "grant_type=password&username=alice&password=s3cret&scope=read+write&client_id=app",
    ),
  ],
  ["1,000 fields", Buffer.from(Array.from({ length: 1000 }, (_, i) => `f${i}=v${i}`).join("&"))],
  ["one 512 KB %-escaped value", Buffer.from(`text=${"%C3%A9t%C3%A9+".repeat((512 * 1024) / 13)}`)],
];

function withBusboy(body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const parser = busboy({
      headers: { "content-type": "application/x-www-form-urlencoded" },
      limits: {
        fields: LIMITS.fields,
        fieldNameSize: LIMITS.fieldNameSize,
        fieldSize: LIMITS.fieldSize,
      },
    });
    parser.on("field", () => count++);
    parser.on("close", () => resolve(count));
    parser.on("error", reject);
    parser.end(body);
  });
}

function withStarlette(body: Buffer): Promise<number> {
  let count = 0;
  parseUrlencoded(body, LIMITS, () => count++);
  // the same await as the streamed reader resolves with
  return Promise.resolve(count);
}

async function timeIt(run: (body: Buffer) => Promise<number>, body: Buffer): Promise<number> {
  const budgetMs = 1500;
  for (let i = 0; i < 200; i++) await run(body); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budgetMs * 1e6) {
    for (let i = 0; i < 50; i++) await run(body);
    n += 50;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return elapsed / n / 1000; // µs per body
}

console.log("| body | busboy µs/body | Tailor µs/body |");
console.log("| ---- | -------------- | -------------- |");
for (const [label, body] of BODIES) {
  const before = await timeIt(withBusboy, body);
  const after = await timeIt(withStarlette, body);
  console.log(`| ${label} | ${before.toFixed(2)} | ${after.toFixed(2)} |`);
}
