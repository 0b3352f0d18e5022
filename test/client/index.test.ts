import { describe, expect, it } from "vitest";

describe("tailor/client", () => {
  it("exports exactly these values (update on purpose when the API changes)", async () => {
    expect(Object.keys(await import("../../src/client/index.js")).sort()).toEqual([
      "createClient",
      "readJsonLines",
      "readServerSentEvents",
    ]);
  });

  it("loads none of the server: the app is only a type there", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = join(import.meta.dirname, "../../src/client");
    for (const file of ["index.ts", "create-client.ts", "infer.ts", "request.ts", "streams.ts"]) {
      const source = readFileSync(join(dir, file), "utf8");
      const valueImports = [...source.matchAll(/^import (?!type )[^;]*from "([^"]+)"/gm)].map(
        (match) => match[1],
      );
      expect(
        valueImports.every((from) => from?.startsWith("./")),
        file,
      ).toBe(true);
    }
  });
});
