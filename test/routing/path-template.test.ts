import { describe, expect, it } from "vitest";
import { parsePathTemplate } from "../../src/routing/index.js";

describe("parsePathTemplate", () => {
  it("splits a template into static and param segments", () => {
    const parsed = parsePathTemplate("/items/{id}");
    expect(parsed.segments).toEqual([
      { kind: "static", text: "items" },
      { kind: "param", name: "id" },
    ]);
    expect(parsed.paramNames).toEqual(["id"]);
    expect(parsed.isStatic).toBe(false);
    expect(parsed.openApiPath).toBe("/items/{id}");
  });

  it("keeps the root and a trailing slash as empty static segments", () => {
    expect(parsePathTemplate("/").segments).toEqual([{ kind: "static", text: "" }]);
    expect(parsePathTemplate("/slash/").segments).toEqual([
      { kind: "static", text: "slash" },
      { kind: "static", text: "" },
    ]);
    expect(parsePathTemplate("/slash/").isStatic).toBe(true);
  });

  it("drops the converter in the OpenAPI form of the path", () => {
    const parsed = parsePathTemplate("/files/{file_path:path}");
    expect(parsed.openApiPath).toBe("/files/{file_path}");
    expect(parsed.paramNames).toEqual(["file_path"]);
    expect(parsed.segments[1]).toEqual({ kind: "catchAll", names: ["file_path"], regex: null });
    expect(parsePathTemplate("/n/{id:int}/{name:str}").openApiPath).toBe("/n/{id}/{name}");
  });

  it("compiles a segment mixing text and params into one regex", () => {
    const parsed = parsePathTemplate("/files/{name}.{ext}");
    const segment = parsed.segments[1];
    expect(segment?.kind).toBe("pattern");
    if (segment?.kind !== "pattern") return;
    expect(segment.names).toEqual(["name", "ext"]);
    expect(segment.regex.exec("report.json")?.slice(1)).toEqual(["report", "json"]);
    expect(segment.regex.test("x.y")).toBe(true);
    expect(segment.regex.test("xy")).toBe(false);
    expect(parsed.openApiPath).toBe("/files/{name}.{ext}");
  });

  it("treats regex characters in literal text literally", () => {
    const segment = parsePathTemplate("/a+{x}(b)").segments[0];
    if (segment?.kind !== "pattern") throw new Error("expected a pattern segment");
    expect(segment.regex.test("a+1(b)")).toBe(true);
    expect(segment.regex.test("aa1b")).toBe(false);
  });

  it("rejects a template that does not start with a slash", () => {
    expect(() => parsePathTemplate("items/{id}")).toThrow(/must start with "\/"/);
    expect(() => parsePathTemplate("")).toThrow(/must start with "\/"/);
  });

  it("rejects unbalanced braces with the position of the culprit", () => {
    expect(() => parsePathTemplate("/items/{id")).toThrow(/"\{" at position 7 is never closed/);
    expect(() => parsePathTemplate("/items/id}")).toThrow(/"\}" at position 9 has no matching/);
    expect(() => parsePathTemplate("/items/{a{b}}")).toThrow(/never closed/);
  });

  it("rejects a parameter name used twice", () => {
    expect(() => parsePathTemplate("/a/{id}/b/{id}")).toThrow(/"id" appears twice/);
    expect(() => parsePathTemplate("/a/{id}-{id}")).toThrow(/"id" appears twice/);
  });

  it("rejects a path parameter that is not the last part of the template", () => {
    expect(() => parsePathTemplate("/{p:path}/edit")).toThrow(/must be the last part/);
    expect(() => parsePathTemplate("/x/{p:path}.json")).toThrow(/must be the last part/);
  });

  it("rejects empty or malformed parameter names and unknown converters", () => {
    expect(() => parsePathTemplate("/a/{}")).toThrow(/"\{\}" is not a valid parameter/);
    expect(() => parsePathTemplate("/a/{1x}")).toThrow(/not a valid parameter/);
    expect(() => parsePathTemplate("/a/{x-y}")).toThrow(/not a valid parameter/);
    expect(() => parsePathTemplate("/a/{x:slug}")).toThrow(/unknown converter "slug"/);
  });

  it("throws plain Errors", () => {
    let caught: unknown;
    try {
      parsePathTemplate("/{");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe("Error");
  });
});
