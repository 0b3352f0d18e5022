import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { App, TestClient } from "../../src/index.js";
import { declareFailingRoute } from "./fixtures/src/app/user-routes.js";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(import.meta.dirname, "fixtures");

/** the 1-based line of `needle` in a file */
function lineOf(file: string, needle: string): number {
  return (
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((line) => line.includes(needle)) + 1
  );
}

async function logOfFailingRoute(declare: (app: App) => void, path: string): Promise<string[]> {
  const logged: string[] = [];
  const app = new App({ logger: { error: (message) => logged.push(message) } });
  declare(app);
  // the 500 itself is under test, not the error behind it
  const response = await new TestClient(app, { raiseServerExceptions: false }).get(path);
  expect(response.status).toBe(500);
  return logged;
}

describe("the 500 log names where the failing route was declared", () => {
  it("names the user's file and line, not the framework's", async () => {
    const logged = await logOfFailingRoute((app) => {
      app.get("/boom", {}, () => {
        throw new Error("boom");
      });
    }, "/boom");
    const line = lineOf(join(import.meta.dirname, "declaration.test.ts"), 'app.get("/boom"');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("unhandled error in GET /boom (declared at");
    expect(logged[0]).toContain(`declaration.test.ts:${line}:`);
  });

  it("keeps the frames of a user project's own src/app/ folder", async () => {
    const logged = await logOfFailingRoute(declareFailingRoute, "/from-user-app-folder");
    const file = join(fixtures, "src", "app", "user-routes.ts");
    expect(logged[0]).toContain(`user-routes.ts:${lineOf(file, "app.get(")}:`);
  });

  describe("from the built package", () => {
    const dist = join(root, "test-output", "declaration-dist");

    beforeAll(() => {
      // what `npm run build` emits, into a folder of its own
      execFileSync(
        process.execPath,
        [
          join(root, "node_modules", "typescript", "bin", "tsc"),
          "-p",
          "tsconfig.build.json",
          "--outDir",
          dist,
        ],
        { cwd: root, stdio: "pipe" },
      );
    }, 180_000);

    it("names the user's file, not dist/app/", () => {
      const script = join(fixtures, "declare-from-dist.mjs");
      const output = execFileSync(process.execPath, [script, dist], {
        cwd: root,
        encoding: "utf8",
      });
      const logged = JSON.parse(output) as string[];
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`declare-from-dist.mjs:${lineOf(script, 'app.get("/boom"')}:`);
      expect(logged[0]).not.toContain("declaration-dist");
    });
  });
});
