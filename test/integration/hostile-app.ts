import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import {
  App,
  Body,
  Cookie,
  File,
  Form,
  Header,
  Path,
  Query,
  StaticFiles,
} from "../../src/index.js";

let staticDir: string | undefined;

/** a served folder with secrets in dotfiles: public/.env, public/.git/config, public/docs/ */
function staticFixture(): string {
  staticDir ??= mkdtempSync(join(tmpdir(), "tailor-hostile-"));
  mkdirSync(join(staticDir, ".git"), { recursive: true });
  mkdirSync(join(staticDir, "docs"), { recursive: true });
  writeFileSync(join(staticDir, ".env"), "SECRET=1\n");
  writeFileSync(join(staticDir, ".git", "config"), "[core]\n");
  writeFileSync(join(staticDir, "docs", "index.html"), "<h1>docs</h1>\n");
  writeFileSync(join(staticDir, "hello.txt"), "hello\n");
  return staticDir;
}

export function removeStaticFixture(): void {
  if (staticDir !== undefined) rmSync(staticDir, { recursive: true, force: true });
  staticDir = undefined;
}

const Item = z.object({ name: z.string().min(1), price: z.number().gt(0) }).meta({ id: "Item" });

/**
 * The app the hostile-input corpus runs against: one route per request source (path, query,
 * JSON body, header, cookie, form), each with a limit a hostile client can cross. Errors are
 * logged into `logged`, so a test can tell a 500 from a client error.
 */
export function createHostileApp(logged: unknown[] = []): App {
  const app = new App({ logger: { error: (message) => logged.push(message) } });
  app.get("/hello", {}, () => ({ hello: "world" }));
  app.get(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(z.number().int()),
        q: Query(z.string().max(50).optional()),
        limit: Query(z.number().int().min(1).max(100).default(10)),
      },
    },
    ({ item_id, q, limit }) => ({ item_id, q: q ?? null, limit }),
  );
  app.get(
    "/search",
    { params: { tags: Query(z.array(z.string()).max(100).default([])) } },
    ({ tags }) => ({
      count: tags.length,
    }),
  );
  app.post("/items", { params: { item: Body(Item) } }, ({ item }) => item);
  app.post("/numbers", { params: { numbers: Body(z.array(z.number())) } }, ({ numbers }) => ({
    count: numbers.length,
  }));
  app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({ value }));
  app.get("/header", { params: { x_token: Header(z.string().max(100)) } }, ({ x_token }) => ({
    x_token,
  }));
  app.get("/cookie", { params: { session: Cookie(z.string().max(100)) } }, ({ session }) => ({
    session,
  }));
  app.post(
    "/login",
    { params: { username: Form(z.string()), password: Form(z.string().min(4)) } },
    ({ username }) => ({ username }),
  );
  // a catastrophic pattern: V8's backtracking takes seconds on 30 characters
  app.get("/pattern", { params: { v: Query(z.string().regex(/^(a+)+$/)) } }, ({ v }) => ({ v }));
  app.post(
    "/upload",
    {
      params: { file: File(), note: Form(z.string().optional()) },
      formLimits: { fileSize: 1024, fieldSize: 1024 },
    },
    ({ file }) => ({ size: file.size }),
  );
  app.mount("/static", new StaticFiles({ directory: staticFixture(), html: true }));
  // an app mistake a hostile client can aim at: a response header copied from the query
  app.get("/reflect", { params: { v: Query(z.string()) } }, ({ v }, ctx) => {
    ctx.response.headers.set("x-reflected", v);
    return { ok: true };
  });
  return app;
}
