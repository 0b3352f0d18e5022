import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../../examples/openapi/app.js";
import { type RunningServer, serve } from "../../src/index.js";

const OUT = resolve("test-output/describe-typed-client");

// Type-checked against the generated `paths`: a client that drifts from the document fails tsc.
const USAGE = `import createClient from "openapi-fetch";
import type { paths } from "./shop.js";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1" });

export async function useShop(): Promise<string> {
  const read = await client.GET("/items/{item_id}", {
    params: { path: { item_id: 1 }, query: { limit: 5 }, header: { "x-client-version": "2" } },
  });
  const name: string | undefined = read.data?.name;
  const created = await client.POST("/items", { body: { name: "Pen", price: 2 } });
  const id: number | undefined = created.data?.id;
  await client.DELETE("/items/{item_id}", { params: { path: { item_id: 1 } } });
  await client.POST("/echo", { body: { message: "hi", times: 2 } });
  // @ts-expect-error item_id is an integer
  await client.GET("/items/{item_id}", { params: { path: { item_id: "one" } } });
  // @ts-expect-error price is required by Item
  await client.POST("/items", { body: { name: "Pen" } });
  return \`\${name} \${id}\`;
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "DOM"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  files: ["shop.ts", "usage.ts"],
};

let server: RunningServer;
let generated: string;

beforeAll(async () => {
  server = await serve(app, { port: 0 });
  generated = astToString(
    // defaulted fields stay optional in request bodies, as the server treats them
    await openapiTS(app.openapi() as never, { defaultNonNullable: false }),
  );
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "shop.ts"), generated);
  writeFileSync(join(OUT, "usage.ts"), USAGE);
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(OUT, "package.json"), '{ "type": "module" }\n');
});

afterAll(async () => {
  await server.close();
});

describe("a client generated from the document", () => {
  it("declares every documented operation", () => {
    for (const path of ['"/items/{item_id}"', '"/items"', '"/echo"', '"/me"', '"/hello/{name}"']) {
      expect(generated).toContain(path);
    }
    expect(generated).toContain("StoredItem: {");
    expect(generated).toContain("Body_echo_echo_post: {");
    expect(generated).not.toContain("/internal/health");
  });

  it("type-checks a client written against the generated paths", async () => {
    const tsc = resolve("node_modules/typescript/bin/tsc");
    const run = promisify(execFile);
    const result = await run(process.execPath, [tsc, "-p", join(OUT, "tsconfig.json")]).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${result.stdout}${result.stderr}`).toBe("");
  }, 60_000);

  it("calls the real server through openapi-fetch", async () => {
    const client = createClient<any>({ baseUrl: server.url });
    const read = await client.GET("/items/{item_id}", { params: { path: { item_id: 1 } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toEqual({ id: 1, name: "Lamp", price: 25, tags: ["home"] });
    const created = await client.POST("/items", { body: { name: "Pen", price: 2 } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: "Pen", price: 2, tags: [] });
    const echoed = await client.POST("/echo", { body: { message: "ab", times: 2 } });
    expect(echoed.data).toEqual({ echoed: "abab" });
    const invalid = await client.GET("/items/{item_id}", { params: { path: { item_id: "x" } } });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error.detail[0].loc).toEqual(["path", "item_id"]);
    const secret = await client.GET("/me", { headers: { "x-api-key": "secret" } });
    expect(secret.data).toEqual({ key: "secret" });
  });
});
