import { answerFetch, type FetchOptions } from "./fetch-handler.js";
import type { Servable } from "./servable.js";

/** `app.fetch`: a Web-standard handler; a synchronous route answers without a promise. */
export type FetchEntry = (request: Request, platform?: unknown) => Response | Promise<Response>;

/**
 * The fetch handler an app exposes as `app.fetch`. The first request runs the lifespan's
 * startup when nothing has (`export default app` on Bun or `deno serve` never calls `serve()`);
 * later requests go straight to the pipeline. `platform` is what the runtime passes after the
 * Request (Bun's server, Deno's info): `ctx.client` is read from it, and a call that passes one
 * comes from a server that writes a whole body's content-length itself.
 *
 * @example Deno.serve(app.fetch); // or, on Bun: export default { fetch: app.fetch };
 */
export function createFetchEntry(app: Servable): FetchEntry {
  let starting: Promise<void> | undefined;
  let ready = false;
  // a runtime's server passes its platform, and frames the bodies it is handed itself; Bun
  // passes the same server every time, so its options object is made once
  let last: FetchOptions | undefined;
  return (request, platform) => {
    let options: FetchOptions | undefined;
    if (platform !== undefined) {
      if (last?.platform !== platform) last = { platform, framesBodies: true };
      options = last;
    }
    if (ready) return answerFetch(app, request, options);
    starting ??= app.startup().then(() => {
      ready = true;
    });
    return starting.then(() => answerFetch(app, request, options));
  };
}
