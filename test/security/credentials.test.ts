import { describe, expect, it } from "vitest";
import { safeCompare } from "../../src/index.js";
import { decodeBasicCredentials, splitAuthorization } from "../../src/security/authorization.js";

describe("safeCompare", () => {
  it("is true only for identical strings", () => {
    expect(safeCompare("sk-123", "sk-123")).toBe(true);
    expect(safeCompare("sk-123", "sk-124")).toBe(false);
    expect(safeCompare("sk-123", "sk-1234")).toBe(false);
    expect(safeCompare("", "")).toBe(true);
    expect(safeCompare("", "x")).toBe(false);
    expect(safeCompare("é", "e\u0301")).toBe(false);
  });
});

describe("splitAuthorization", () => {
  it("splits at the first space and keeps the rest as sent", () => {
    expect(splitAuthorization(undefined)).toEqual(["", ""]);
    expect(splitAuthorization("")).toEqual(["", ""]);
    expect(splitAuthorization("Bearer")).toEqual(["Bearer", ""]);
    expect(splitAuthorization("Bearer a b")).toEqual(["Bearer", "a b"]);
    expect(splitAuthorization("Bearer  a")).toEqual(["Bearer", " a"]);
  });
});

describe("decodeBasicCredentials", () => {
  // expected values are what Python's base64.b64decode(...).decode("ascii") gives
  it.each([
    ["dXNlcjpwYXNz", "user:pass"],
    ["YQ==", "a"],
    ["YQ===", "a"],
    ["Y Q==", "a"],
    ["YW#Jj", "abc"],
    ["YQ==YQ==", "a"],
    ["=YQ==", "a"],
    ["****", ""],
    ["", ""],
  ])("decodes %j leniently as %j", (input, output) => {
    expect(decodeBasicCredentials(input)).toBe(output);
  });

  it.each([["YQ"], ["YQ="], ["Y"], ["w6k="]])("refuses %j", (input) => {
    // missing padding, a lone sextet, non-ASCII bytes ("é")
    expect(decodeBasicCredentials(input)).toBeUndefined();
  });
});
