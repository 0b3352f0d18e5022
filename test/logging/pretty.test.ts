import { describe, expect, it } from "vitest";
import { formatPretty } from "../../src/logging/pretty.js";

describe("formatPretty", () => {
  it("renders time, level, message and fields on one line", () => {
    const line = JSON.stringify({
      level: "info",
      time: "2026-01-02T03:04:05.678Z",
      pid: 1,
      msg: "GET /health 200",
      status: 200,
      path: "/a b",
    });
    expect(formatPretty(line, false)).toBe(
      '03:04:05.678 INFO  GET /health 200 status=200 path="/a b"\n',
    );
  });

  it("indents an error's stack under the line", () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      msg: "failed",
      err: { message: "boom", stack: "Error: boom\n    at f (x.ts:1:1)" },
    });
    expect(formatPretty(line, false)).toBe(
      "00:00:00.000 ERROR failed\n    Error: boom\n        at f (x.ts:1:1)\n",
    );
  });

  it("shows a thrown value that is not an Error, and colours only when asked", () => {
    const line = JSON.stringify({ level: "error", time: 0, msg: "failed", err: "plain text" });
    expect(formatPretty(line, false)).toBe("00:00:00.000 ERROR failed\n    plain text\n");
    expect(formatPretty(line, true)).toContain("\x1b[31mERROR\x1b[0m");
  });

  it("passes a line that is not JSON through unchanged", () => {
    expect(formatPretty("not json\n", false)).toBe("not json\n");
  });
});
