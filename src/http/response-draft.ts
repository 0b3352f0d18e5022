import { type CookieOptions, serializeCookie } from "./cookies.js";

/**
 * What a handler sets on the response it did not build itself (FastAPI's `response: Response`
 * param): a status, headers and cookies merged into the generated response.
 *
 * @example ctx.response.status = 202; ctx.response.headers.set("x-extra", "1"); ctx.response.setCookie("sid", "abc", { httpOnly: true });
 */
export class ResponseDraft {
  status: number | undefined = undefined;
  readonly headers = new Map<string, string>();
  readonly cookies: string[] = [];

  setCookie(name: string, value: string, options?: CookieOptions): void {
    this.cookies.push(serializeCookie(name, value, options));
  }

  deleteCookie(name: string, options: Omit<CookieOptions, "maxAge" | "expires"> = {}): void {
    this.cookies.push(
      serializeCookie(name, "", {
        ...options,
        maxAge: 0,
        // Starlette writes `expires=0`, which Python's http.cookies renders as the current time
        expires: new Date(),
      }),
    );
  }
}
