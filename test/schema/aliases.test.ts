import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  aliasOf,
  ComponentRegistry,
  compileAliasRenamer,
  hasAliases,
  toJsonSchema,
  validatorFor,
} from "../../src/schema/index.js";

const Dimensions = z.object({ width_cm: z.number().meta({ alias: "widthCm" }), depth: z.number() });
const Item = z.object({
  item_name: z.string().min(2).meta({ alias: "itemName" }),
  unit_price: z.number().meta({ alias: "unitPrice" }).nullable().default(1),
  dimensions: Dimensions.optional(),
  tags: z.array(z.string()).default([]),
});
const Plain = z.object({ name: z.string(), price: z.number() });

describe("aliasOf", () => {
  it("reads .meta({ alias }) through optional, nullable, default and check clones", () => {
    expect(aliasOf(Item.shape.item_name)).toBe("itemName");
    expect(aliasOf(Item.shape.unit_price)).toBe("unitPrice");
    expect(aliasOf(z.string().meta({ alias: "a" }).optional())).toBe("a");
    expect(aliasOf(z.string().optional().meta({ alias: "b" }))).toBe("b");
    expect(
      aliasOf(
        z
          .string()
          .meta({ alias: "c" })
          .transform((s) => s.length),
      ),
    ).toBe("c");
    expect(aliasOf(Item.shape.tags)).toBeUndefined();
  });
});

describe("hasAliases", () => {
  it("finds aliases in nested, listed and recursive models, and none in plain ones", () => {
    expect(hasAliases(Item)).toBe(true);
    expect(hasAliases(z.array(z.object({ inner: Dimensions })))).toBe(true);
    expect(hasAliases(Plain)).toBe(false);
    const Node: z.ZodType = z.lazy(() => z.object({ children: z.array(Node) }));
    expect(hasAliases(Node)).toBe(false);
  });
});

describe("validation by alias", () => {
  it("reads aliased fields from their alias and gives the handler field names", () => {
    const r = validatorFor(Item, "json")(
      { itemName: "Foo", unitPrice: 2, dimensions: { widthCm: 3, depth: 4 } },
      ["body"],
    );
    expect(r).toEqual({
      ok: true,
      value: { item_name: "Foo", unit_price: 2, dimensions: { width_cm: 3, depth: 4 }, tags: [] },
    });
  });

  it("reports a field sent under its name as missing at the alias, as pydantic does", () => {
    const r = validatorFor(Item, "json")({ item_name: "Foo", dimensions: { width_cm: 1 } }, [
      "body",
    ]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      {
        type: "missing",
        loc: ["body", "itemName"],
        msg: "Field required",
        input: { item_name: "Foo", dimensions: { width_cm: 1 } },
      },
      {
        type: "missing",
        loc: ["body", "dimensions", "widthCm"],
        msg: "Field required",
        input: { width_cm: 1 },
      },
      {
        type: "missing",
        loc: ["body", "dimensions", "depth"],
        msg: "Field required",
        input: { width_cm: 1 },
      },
    ]);
  });

  it("uses the alias in the loc of a failed constraint", () => {
    const r = validatorFor(Item, "json")({ itemName: "F" }, ["body"]);
    expect(!r.ok && r.errors.map((e) => e.loc)).toEqual([["body", "itemName"]]);
  });

  it("treats the field name as an extra key of a strict model", () => {
    const Strict = z.strictObject({ item_name: z.string().meta({ alias: "itemName" }) });
    const r = validatorFor(Strict, "json")({ itemName: "a", item_name: "b" }, ["body"]);
    expect(!r.ok && r.errors).toEqual([
      {
        type: "extra_forbidden",
        loc: ["body", "item_name"],
        msg: "Extra inputs are not permitted",
        input: "b",
      },
    ]);
  });

  it("reads field names instead when keys is name (a handler's return value)", () => {
    const r = validatorFor(
      Item,
      "json",
      "name",
    )({ item_name: "Foo", dimensions: { width_cm: 3, depth: 4 } }, ["response"]);
    expect(r).toEqual({
      ok: true,
      value: { item_name: "Foo", unit_price: 1, dimensions: { width_cm: 3, depth: 4 }, tags: [] },
    });
    // the flag does not leak into the next validation by alias
    expect(validatorFor(Item, "json")({ itemName: "Bar" }, ["body"]).ok).toBe(true);
  });

  it("validates a model without aliases by name exactly as by alias", () => {
    expect(validatorFor(Plain, "json", "name")).not.toBe(validatorFor(Plain, "json"));
    expect(validatorFor(Plain, "json", "name")({ name: "a", price: 1 }, [])).toEqual(
      validatorFor(Plain, "json")({ name: "a", price: 1 }, []),
    );
  });

  it("reports a field aliased like an Object.prototype member as missing when it is absent", () => {
    const Odd = z.object({
      a: z.string().meta({ alias: "__proto__" }),
      b: z.string().meta({ alias: "constructor" }),
    });
    const r = validatorFor(Odd, "json")({}, ["body"]);
    expect(!r.ok && r.errors.map((e) => [e.type, e.loc, e.input])).toEqual([
      ["missing", ["body", "__proto__"], {}],
      ["missing", ["body", "constructor"], {}],
    ]);
  });

  it("never lets an extra key under a field's name replace the field a loose model read by alias", () => {
    const Loose = z.looseObject({
      item_name: z.string().meta({ alias: "itemName" }),
      note: z.string().meta({ alias: "noteText" }).optional(),
    });
    const loose = validatorFor(Loose, "json")(
      { itemName: "ok", item_name: 123, note: 5, other: 1 },
      ["body"],
    );
    expect(loose).toEqual({ ok: true, value: { item_name: "ok", other: 1 } });
    const Counted = z
      .object({ item_name: z.string().meta({ alias: "itemName" }) })
      .catchall(z.number());
    const counted = validatorFor(Counted, "json")({ itemName: "ok", item_name: 7, n: 1 }, ["body"]);
    expect(counted).toEqual({ ok: true, value: { item_name: "ok", n: 1 } });
  });
});

describe("compileAliasRenamer", () => {
  it("is null for a schema without aliases", () => {
    expect(compileAliasRenamer(Plain)).toBeNull();
    expect(compileAliasRenamer(z.array(Plain))).toBeNull();
  });

  it("writes a field aliased __proto__ as a key of its own, never as the object's prototype", () => {
    const Odd = z.object({ a: z.string().meta({ alias: "__proto__" }), b: z.string() });
    const out = compileAliasRenamer(Odd)!({ a: "x", b: "y" });
    expect(JSON.stringify(out)).toBe('{"__proto__":"x","b":"y"}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("renames field names to aliases in nested objects, lists and records, keeping order", () => {
    const rename = compileAliasRenamer(z.record(z.string(), z.array(Item)))!;
    const out = rename({
      a: [{ item_name: "x", unit_price: null, dimensions: { width_cm: 1, depth: 2 }, tags: [] }],
    });
    expect(JSON.stringify(out)).toBe(
      '{"a":[{"itemName":"x","unitPrice":null,"dimensions":{"widthCm":1,"depth":2},"tags":[]}]}',
    );
  });

  it("renames a union's object by the member that declares its keys", () => {
    const Cat = z.object({
      kind: z.literal("cat"),
      meow_level: z.number().meta({ alias: "meowLevel" }),
    });
    const Dog = z.object({
      kind: z.literal("dog"),
      bark_level: z.number().meta({ alias: "barkLevel" }),
    });
    const rename = compileAliasRenamer(z.union([Cat, Dog]))!;
    expect(rename({ kind: "dog", bark_level: 2 })).toEqual({ kind: "dog", barkLevel: 2 });
    expect(rename({ kind: "cat", meow_level: 1 })).toEqual({ kind: "cat", meowLevel: 1 });
    expect(rename("other")).toBe("other");
  });

  it("follows recursive models", () => {
    type Node = { node_name: string; child_nodes: Node[] };
    const Tree: z.ZodType<Node> = z.lazy(() =>
      z.object({ node_name: z.string().meta({ alias: "nodeName" }), child_nodes: z.array(Tree) }),
    );
    const rename = compileAliasRenamer(Tree)!;
    expect(rename({ node_name: "a", child_nodes: [{ node_name: "b", child_nodes: [] }] })).toEqual({
      nodeName: "a",
      child_nodes: [{ nodeName: "b", child_nodes: [] }],
    });
  });
});

describe("JSON Schema", () => {
  it("names aliased properties and required entries by their alias on both sides", () => {
    for (const io of ["input", "output"] as const) {
      const registry = new ComponentRegistry();
      const schema = toJsonSchema(Item, io, registry);
      const properties = schema.properties as Record<string, Record<string, unknown>>;
      expect(Object.keys(properties)).toEqual(["itemName", "unitPrice", "dimensions", "tags"]);
      expect(properties.itemName).toEqual({ type: "string", minLength: 2, title: "Item Name" });
      expect(JSON.stringify(schema)).not.toContain('"alias"');
      expect(schema.required).toEqual(["itemName"]);
      const dims = properties.dimensions as Record<string, unknown>;
      expect(Object.keys(dims.properties as object)).toEqual(["widthCm", "depth"]);
      expect(dims.required).toEqual(["widthCm", "depth"]);
    }
  });
});

describe("discriminated unions", () => {
  const Cat = z.object({
    pet_kind: z.literal("cat").meta({ alias: "petKind" }),
    lives: z.number(),
  });
  const Dog = z.object({
    pet_kind: z.literal("dog").meta({ alias: "petKind" }),
    barks: z.boolean(),
  });
  const Pet = z.discriminatedUnion("pet_kind", [Cat, Dog]);

  it("read an aliased tag from its alias in a request and from its name in a response", () => {
    expect(validatorFor(Pet, "json")({ petKind: "dog", barks: true }, ["body"])).toEqual({
      ok: true,
      value: { pet_kind: "dog", barks: true },
    });
    expect(validatorFor(Pet, "json", "name")({ pet_kind: "cat", lives: 9 }, [])).toEqual({
      ok: true,
      value: { pet_kind: "cat", lives: 9 },
    });
    const r = validatorFor(Pet, "json")({ pet_kind: "dog", barks: true }, ["body"]);
    expect(!r.ok && r.errors[0]!.type).toBe("union_tag_not_found");
  });
});

it("renames a discriminated union's value by the member its tag names", () => {
  const A = z.object({ kind: z.literal("a"), some_value: z.number().meta({ alias: "aValue" }) });
  const B = z.object({ kind: z.literal("b"), some_value: z.number().meta({ alias: "bValue" }) });
  const rename = compileAliasRenamer(z.discriminatedUnion("kind", [A, B]))!;
  expect(rename({ kind: "b", some_value: 1 })).toEqual({ kind: "b", bValue: 1 });
  expect(rename({ kind: "a", some_value: 1 })).toEqual({ kind: "a", aValue: 1 });
  expect(rename({ kind: "c", some_value: 1 })).toEqual({ kind: "c", some_value: 1 });
});
