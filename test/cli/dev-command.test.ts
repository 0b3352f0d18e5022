import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type LoggedProcess, ROOT, requestFresh, startTailor } from "./processes.js";

const running: LoggedProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill("SIGKILL");
});

describe("tailor dev", () => {
  it("serves on 127.0.0.1, says where the docs are, and restarts when a source file changes", async () => {
    const dir = join(ROOT, "test-output", "cli-dev");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "app.ts");
    const source = (greeting: string) =>
      `import { App } from "../../src/index.js";\nexport const app = new App();\napp.get("/", {}, () => ({ greeting: "${greeting}" }));\n`;
    writeFileSync(file, source("hello"));
    const dev = startTailor(["dev", "app.ts", "--port", "0"], { cwd: dir });
    running.push(dev);
    const first = await dev.waitForLine((line) => typeof line.url === "string");
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.docs).toBe(`${first.url}/docs`);
    expect(await requestFresh(`${first.url}/`)).toMatchObject({ body: { greeting: "hello" } });

    const editedAt = performance.now();
    const editedAtClock = Date.now();
    writeFileSync(file, source("edited"));
    const second = await dev.waitForLine(
      (line) => typeof line.url === "string" && line.pid !== first.pid,
    );
    const answer = await requestFresh(`${second.url}/`);
    const reloadedIn = performance.now() - editedAt;
    expect(answer).toMatchObject({ body: { greeting: "edited" } });
    const noticed = dev.lines().find((line) => /app\.ts changed: restarting/.test(line.msg ?? ""));
    // the change is seen within a second; the new process then needs its own start-up time
    expect(Date.parse(noticed!.time) - editedAtClock).toBeLessThan(1_000);
    console.info(
      `tailor dev: change seen ${Date.parse(noticed!.time) - editedAtClock} ms after the edit, serving the new code after ${Math.round(reloadedIn)} ms`,
    );
    expect(readFileSync(file, "utf8")).toContain("edited");

    dev.child.kill("SIGTERM");
    expect((await dev.exited).code).toBe(0);
    expect(await requestFresh(`${second.url}/`)).toMatchObject({ error: "ECONNREFUSED" });
  }, 60_000);
});
