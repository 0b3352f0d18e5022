import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { App, TestClient } from "../../src/index.js";
import { TailorLogger } from "../../src/logging/logger.js";

function sink(isTTY = false) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join("") };
}

describe("TailorLogger", () => {
  it("writes one JSON object per line off a terminal, with the level's name and an ISO time", () => {
    const out = sink();
    const log = new TailorLogger({ destination: out.stream });
    log.info("model loaded", { model: "mistral-7b" });
    const line = JSON.parse(out.text());
    expect(line).toMatchObject({
      level: "info",
      msg: "model loaded",
      model: "mistral-7b",
      pid: process.pid,
    });
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(out.text().endsWith("}\n")).toBe(true);
  });

  it("puts an error's message and stack in err", () => {
    const out = sink();
    new TailorLogger({ destination: out.stream }).error("handler failed", new Error("boom"), {
      route: "/chat",
    });
    const line = JSON.parse(out.text());
    expect(line).toMatchObject({ level: "error", msg: "handler failed", route: "/chat" });
    expect(line.err.message).toBe("boom");
    expect(line.err.stack).toMatch(/logger\.test\.ts/);
  });

  it("writes readable lines on a terminal", () => {
    const out = sink(true);
    new TailorLogger({ destination: out.stream }).warn("slow token", { ms: 120 });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes of a terminal
    const plain = out.text().replace(/\x1b\[\d+m/g, "");
    expect(plain).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}slow token ms=120\n$/);
    expect(out.text()).not.toMatch(/^\{/);
  });

  it("drops lines under its level, and configure() changes it for every holder", () => {
    const out = sink();
    const log = new TailorLogger({ destination: out.stream, level: "warn" });
    log.info("hidden");
    log.debug("hidden");
    expect(out.text()).toBe("");
    log.configure({ destination: out.stream, level: "debug" });
    log.debug("shown");
    expect(JSON.parse(out.text()).msg).toBe("shown");
  });

  it("is what an App logs its handler failures through when given none", async () => {
    const out = sink();
    const log = new TailorLogger({ destination: out.stream });
    const app = new App({ logger: log });
    app.get("/boom", {}, () => {
      throw new Error("the model cache is corrupt");
    });
    // the logged 500 is under test, not the error behind it
    const response = await new TestClient(app, { raiseServerExceptions: false }).get("/boom");
    expect(response.status).toBe(500);
    const line = JSON.parse(out.text());
    expect(line.level).toBe("error");
    expect(line.err.message).toBe("the model cache is corrupt");
    expect(out.text()).not.toContain("undefined");
  });
});
