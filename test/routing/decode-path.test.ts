import { describe, expect, it } from "vitest";
import { decodePath } from "../../src/routing/index.js";

describe("decodePath", () => {
  it("returns a path without escapes unchanged", () => {
    expect(decodePath("/users/42")).toBe("/users/42");
    expect(decodePath("/")).toBe("/");
  });

  it("decodes an encoded slash, so it becomes a real separator", () => {
    expect(decodePath("/users/a%2Fb")).toBe("/users/a/b");
    expect(decodePath("/users/a%2fb")).toBe("/users/a/b");
  });

  it("decodes spaces and other ASCII escapes", () => {
    expect(decodePath("/users/a%2Fb%20c")).toBe("/users/a/b c");
    expect(decodePath("/q%3Fx%23y%25z")).toBe("/q?x#y%z");
  });

  it("leaves invalid %-sequences as they are", () => {
    expect(decodePath("/a%zz")).toBe("/a%zz");
    expect(decodePath("/a%")).toBe("/a%");
    expect(decodePath("/a%4")).toBe("/a%4");
    expect(decodePath("/a%4g%41")).toBe("/a%4gA");
    expect(decodePath("/%%41")).toBe("/%A");
  });

  it("decodes multi-byte UTF-8 sequences into characters", () => {
    expect(decodePath("/caf%C3%A9")).toBe("/café");
    expect(decodePath("/%E2%82%AC/%F0%9F%98%80")).toBe("/€/😀");
  });

  it("keeps characters that were not percent-encoded", () => {
    expect(decodePath("/café/%C3%A9")).toBe("/café/é");
  });

  it("replaces bytes that are not valid UTF-8 with U+FFFD", () => {
    expect(decodePath("/%FF")).toBe("/\uFFFD");
    expect(decodePath("/%C3x")).toBe("/\uFFFDx");
  });

  it("mixes text, ASCII escapes, multi-byte escapes and invalid escapes", () => {
    expect(decodePath("/a%41b%C3%A9c%zz%2F")).toBe("/aAbéc%zz/");
    expect(decodePath("/%41%C3%A9%42")).toBe("/AéB");
    expect(decodePath("/%C3%41")).toBe("/\uFFFDA");
  });

  it("agrees with run-by-run UTF-8 decoding on random paths", () => {
    // Reference: every maximal run of %XX escapes decodes as one UTF-8 byte sequence.
    const reference = (path: string) =>
      path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
        Buffer.from(run.replaceAll("%", ""), "hex").toString("utf8"),
      );
    const alphabet = ["%", "4", "1", "C", "3", "A", "9", "z", "/", "é", "F", "E", "2", "8", "f"];
    let state = 7;
    const pick = () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return alphabet[state % alphabet.length]!;
    };
    for (let i = 0; i < 3000; i++) {
      let path = "/";
      const length = 1 + (i % 17);
      for (let j = 0; j < length; j++) path += pick();
      expect(decodePath(path), path).toBe(reference(path));
    }
  });

  it("decodes long runs of escapes", () => {
    const raw = `/${"%41".repeat(1000)}`;
    expect(decodePath(raw)).toBe(`/${"A".repeat(1000)}`);
  });

  it("returns null for a path that does not start with a slash", () => {
    expect(decodePath("*")).toBeNull();
    expect(decodePath("")).toBeNull();
    expect(decodePath("users")).toBeNull();
    expect(decodePath("%2Fusers")).toBeNull();
  });
});
