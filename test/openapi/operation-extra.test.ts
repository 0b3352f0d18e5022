import { expect, it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

function extraApp(): App {
  const app = new App({
    openapiExternalDocs: { url: "https://docs.example.com", description: "Guides" },
  });
  app.post(
    "/items",
    {
      params: { x: z.number() },
      openapiExtra: {
        "x-rate-limit": 10,
        requestBody: {
          content: { "application/x-yaml": { schema: { type: "object" } } },
          required: true,
        },
        parameters: [
          { name: "x-trace", in: "header", required: false, schema: { type: "string" } },
        ],
      },
    },
    () => ({}),
  );
  return app;
}

describeTransports("openapiExtra and externalDocs", extraApp, (client) => {
  async function document() {
    return (await (await client().request("GET", "/openapi.json")).json()) as Record<string, any>;
  }

  it("openapiExtra is merged into the operation: new keys added, objects merged, lists appended", async () => {
    const op = (await document()).paths["/items"].post;
    expect(op["x-rate-limit"]).toBe(10);
    expect(op.requestBody.content["application/x-yaml"]).toEqual({ schema: { type: "object" } });
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["x", "x-trace"]);
  });

  it("openapiExternalDocs is the document's top-level externalDocs, last", async () => {
    const doc = await document();
    expect(doc.externalDocs).toEqual({ url: "https://docs.example.com", description: "Guides" });
    expect(Object.keys(doc).at(-1)).toBe("externalDocs");
  });
});

it("the merge leaves the next build untouched", () => {
  const app = extraApp();
  const first = JSON.stringify(app.openapi());
  expect(JSON.stringify(extraApp().openapi())).toBe(first);
});
