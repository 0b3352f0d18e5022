import {
  App,
  type BunServer,
  type DenoServer,
  type RunningServer,
  serveBun,
  serveDeno,
} from "tailor";
import { expectTypeOf, test } from "vitest";

test("app.fetch fits the handlers Bun, Deno and Workers call, and may answer without a promise", () => {
  const app = new App();
  // Bun: fetch(request, server); Deno: handler(request, info); Workers: fetch(request, env, ctx)
  const bunStyle: (request: Request, server: BunServer) => Response | Promise<Response> = app.fetch;
  const denoStyle: (request: Request, info: { remoteAddr: unknown }) => unknown = app.fetch;
  expectTypeOf(bunStyle).toBeFunction();
  expectTypeOf(denoStyle).toBeFunction();
  expectTypeOf(app.fetch).returns.toEqualTypeOf<Response | Promise<Response>>();
});

test("serveBun and serveDeno type the runtime's own server", () => {
  const app = new App();
  expectTypeOf(serveBun(app)).resolves.toEqualTypeOf<RunningServer<BunServer>>();
  expectTypeOf(serveDeno(app)).resolves.toEqualTypeOf<RunningServer<DenoServer>>();
  expectTypeOf<RunningServer["server"]>().toEqualTypeOf<import("node:http").Server>();
});
