import { describe, expect, it } from "vitest";
import { parseQuery } from "../../src/http/query.js";

describe("parseQuery", () => {
  it("keeps every value of a repeated key in order, and blank values", () => {
    expect({ ...parseQuery("a=1&b=&a=2&c") }).toEqual({ a: ["1", "2"], b: [""], c: [""] });
  });

  it("reads '+' as a space and decodes escapes, '=' inside a value included", () => {
    expect({ ...parseQuery("q=hello+world&x=a%3Db%26c&%C3%A9t%C3%A9=%E2%9C%93") }).toEqual({
      q: ["hello world"],
      x: ["a=b&c"],
      été: ["✓"],
    });
  });

  it("skips empty pairs and handles an empty query", () => {
    expect({ ...parseQuery("") }).toEqual({});
    expect({ ...parseQuery("&&a=1&&") }).toEqual({ a: ["1"] });
  });

  it("leaves invalid escapes as they are and replaces invalid UTF-8 with U+FFFD, as parse_qsl", () => {
    expect({ ...parseQuery("a=%zz&b=%C3&c=100%") }).toEqual({
      a: ["%zz"],
      b: ["\uFFFD"],
      c: ["100%"],
    });
  });

  it("gives a key named like an Object prototype member its own value", () => {
    const query = parseQuery("__proto__=x&constructor=y");
    expect(Object.getOwnPropertyDescriptor(query, "__proto__")?.value).toEqual(["x"]);
    expect(query.constructor).toEqual(["y"]);
    expect(Object.getPrototypeOf(query)).toBeNull();
  });
});
