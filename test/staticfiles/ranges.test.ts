import { describe, expect, it } from "vitest";
import { parseRange, safeSegments } from "../../src/staticfiles/index.js";

describe("parseRange", () => {
  it("reads single, open-ended and suffix ranges as inclusive byte ranges", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual([{ start: 0, end: 9 }]);
    expect(parseRange("bytes=90-", 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseRange("bytes=-10", 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseRange("bytes=-500", 100)).toEqual([{ start: 0, end: 99 }]);
    expect(parseRange(" Bytes = 1-2", 100)).toEqual([{ start: 1, end: 2 }]);
  });

  it("sorts ranges and merges overlapping and adjacent ones", () => {
    expect(parseRange("bytes=50-59,0-9,10-19,55-70", 100)).toEqual([
      { start: 0, end: 19 },
      { start: 50, end: 70 },
    ]);
  });

  it("drops ranges past the end and is unsatisfiable when none is left", () => {
    expect(parseRange("bytes=0-1,200-300", 100)).toEqual([{ start: 0, end: 1 }]);
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  });

  it("ignores other units, bad syntax, reversed ranges and too many ranges", () => {
    for (const header of ["items=0-1", "bytes", "bytes=a-b", "bytes=5-1", "bytes=-", "bytes=,"]) {
      expect(parseRange(header, 100), header).toBeNull();
    }
    const many = `bytes=${Array.from({ length: 65 }, (_, i) => `${i}-${i}`).join(",")}`;
    expect(parseRange(many, 100)).toBeNull();
  });
});

describe("safeSegments", () => {
  it("splits plain paths and keeps a trailing slash as an empty last segment", () => {
    expect(safeSegments("/a/b%20c.txt")).toEqual(["a", "b c.txt"]);
    expect(safeSegments("/docs/")).toEqual(["docs", ""]);
    expect(safeSegments("/")).toEqual([""]);
  });

  it("refuses every way out of the folder", () => {
    for (const path of [
      "/..",
      "/a/../b",
      "/%2e%2e/x",
      "/.",
      "/a%2fb",
      "/a%5cb",
      "/a\\b",
      "/a%00",
      "//x",
      "x",
      "/%zz",
    ]) {
      expect(safeSegments(path), path).toBeNull();
    }
  });
});
