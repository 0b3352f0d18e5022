import { App, Depends, dependency, HTTPException } from "tailor";
import { expect, it } from "vitest";
import { describeTransports } from "../integration/transports.js";
import { deferred, recordingLogger, within } from "./helpers.js";

/**
 * The outer generator A wraps B. A's code after `yield` has no `finally`, so it runs only when
 * nothing is thrown into it; its `catch` records what was.
 */
function exitStackApp(trace: string[], done: () => void): App {
  const outer = dependency({}, async function* () {
    try {
      yield "a";
      trace.push("A after yield");
    } catch (error) {
      trace.push(`A caught ${(error as Error).message}`);
    } finally {
      done();
    }
  });
  const plainOuter = dependency({}, async function* () {
    yield "p";
    trace.push("P after yield"); // no finally: skipped when an error is thrown in
  });
  const raisingInner = dependency({ a: Depends(outer), p: Depends(plainOuter) }, function* () {
    yield "b";
    throw new HTTPException(400, "raised in B's teardown");
  });
  const quietInner = dependency({ a: Depends(outer), p: Depends(plainOuter) }, function* () {
    yield "b";
    trace.push("B after yield");
  });
  const app = new App({ logger: recordingLogger() });
  app.get("/teardown-raises", { params: { b: Depends(raisingInner) } }, () => ({ ok: true }));
  app.get("/task-raises", { params: { b: Depends(quietInner) } }, (_args, ctx) => {
    ctx.background.add(() => {
      throw new Error("task failed");
    });
    return { ok: true };
  });
  app.get("/task-ok", { params: { b: Depends(quietInner) } }, (_args, ctx) => {
    ctx.background.add(() => trace.push("task"));
    return { ok: true };
  });
  return app;
}

const trace: string[] = [];
let closed = deferred();

describeTransports(
  "generator teardown as Python's exit stack",
  () => exitStackApp(trace, () => closed.resolve()),
  (client) => {
    async function call(path: string): Promise<string[]> {
      trace.length = 0;
      closed = deferred();
      const r = await client().request("GET", path);
      expect({ status: r.status, body: await r.text() }).toEqual({
        status: 200,
        body: '{"ok":true}',
      });
      await within(closed.promise, "the outer generator closing");
      return trace;
    }

    it("an error raised in a teardown is thrown into the generators outside it", async () => {
      expect(await call("/teardown-raises")).toEqual(["A caught raised in B's teardown"]);
    });

    it("a failed background task is thrown into the generators; code after yield without finally does not run", async () => {
      expect(await call("/task-raises")).toEqual(["A caught task failed"]);
    });

    it("without failures every generator resumes after its yield, after the tasks", async () => {
      expect(await call("/task-ok")).toEqual([
        "task",
        "B after yield",
        "P after yield",
        "A after yield",
      ]);
    });
  },
);
