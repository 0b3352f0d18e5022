import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "./processes.js";

const run = promisify(execFile);

describe("tailor routes", () => {
  it("lists every route with its methods, path and name, aligned", async () => {
    const { stdout } = await run(
      process.execPath,
      [BIN, "routes", "test/cli/fixtures/pid-app.ts"],
      {
        cwd: ROOT,
      },
    );
    const lines = stdout.trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "GET,HEAD  /openapi.json          openapi",
      "GET,HEAD  /docs                  swagger_ui_html",
    ]);
    expect(lines.slice(-4)).toEqual([
      "GET       /pid                   get_pid",
      "GET       /health                get_health",
      "GET       /slow                  get_slow",
      "GET       /busy                  get_busy",
    ]);
  }, 30_000);

  it("exits 2 when the module has no app", async () => {
    const failed = await run(process.execPath, [BIN, "routes", "test/cli/processes.ts"], {
      cwd: ROOT,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("exports no App");
  }, 30_000);
});
