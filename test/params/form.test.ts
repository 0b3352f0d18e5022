import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  App,
  Body,
  ConfigError,
  File,
  Files,
  Form,
  TestClient,
  type UploadFile,
} from "../../src/index.js";

describe("declaring form and file params", () => {
  it("rejects a route that mixes a JSON Body param with a Form param at registration", () => {
    const app = new App();
    expect(() =>
      app.post(
        "/mixed",
        { params: { item: Body(z.object({ a: z.string() })), note: Form(z.string()) } },
        () => null,
      ),
    ).toThrowError(ConfigError);
    let caught: unknown;
    try {
      app.post("/mixed2", { params: { meta: Body(z.string()), file: File() } }, () => null);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).code).toBe("E_BODY_CONFLICT");
    expect((caught as Error).message).toContain("POST /mixed2");
  });

  it("never parses a form route's body as JSON nor a JSON route's body as a form", async () => {
    const app = new App();
    app.post("/json", { params: { item: z.object({ name: z.string() }) } }, ({ item }) => item);
    app.post("/form", { params: { name: Form(z.string()) } }, ({ name }) => ({ name }));
    const client = new TestClient(app);
    const toJson = await client.post("/json", { form: { name: "a" } });
    expect((await toJson.json()).detail[0].type).toBe("model_attributes_type");
    const toForm = await client.post("/form", { json: { name: "a" } });
    expect((await toForm.json()).detail[0].type).toBe("missing");
  });

  it("infers handler argument types from the markers", () => {
    const app = new App();
    app.post(
      "/types",
      {
        params: {
          name: Form(z.string()),
          age: Form(z.number().optional()),
          tags: Form(z.array(z.string())),
          file: File(),
          maybe: File({ optional: true }),
          many: Files(),
          manyMaybe: File({ list: true, optional: true }),
        },
      },
      (args) => {
        expectTypeOf(args.name).toEqualTypeOf<string>();
        expectTypeOf(args.age).toEqualTypeOf<number | undefined>();
        expectTypeOf(args.tags).toEqualTypeOf<string[]>();
        expectTypeOf(args.file).toEqualTypeOf<UploadFile>();
        expectTypeOf(args.maybe).toEqualTypeOf<UploadFile | undefined>();
        expectTypeOf(args.many).toEqualTypeOf<UploadFile[]>();
        expectTypeOf(args.manyMaybe).toEqualTypeOf<UploadFile[] | undefined>();
        return null;
      },
    );
    expect(File({ optional: true }).schema.facts).toEqual({
      optional: true,
      isList: false,
      isObject: false,
    });
  });
});
