/** "a=1; b=\"two\"; a=3" -> { a: "3", b: "two" } (last wins, quotes removed, like Starlette). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  if (!header) return cookies;
  for (const chunk of header.split(";")) {
    const eq = chunk.indexOf("=");
    const key = (eq === -1 ? "" : chunk.slice(0, eq)).trim();
    let value = (eq === -1 ? chunk : chunk.slice(eq + 1)).trim();
    if (key === "" && value === "") continue;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    cookies[key] = value;
  }
  return cookies;
}

export interface CookieOptions {
  maxAge?: number;
  expires?: Date | string;
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: "lax" | "strict" | "none";
  partitioned?: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Starlette's cookie format, attributes in its order: `sid=abc; Domain=…; expires=…; HttpOnly;
 * Max-Age=…; Partitioned; Path=/; SameSite=lax; Secure`.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`invalid cookie name: ${JSON.stringify(name)}`);
  // an empty value is written `""`, as Python's http.cookies does
  const encoded = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/.test(value)
    ? value
    : `"${value.replace(/[\\"]/g, "\\$&").replace(/[^\x20-\x7E]/g, (c) => encodeURIComponent(c))}"`;
  let cookie = `${name}=${encoded}`;
  if (options.domain !== undefined) cookie += `; Domain=${options.domain}`;
  if (options.expires !== undefined) {
    const expires =
      typeof options.expires === "string" ? options.expires : options.expires.toUTCString();
    cookie += `; expires=${expires}`;
  }
  if (options.httpOnly) cookie += "; HttpOnly";
  if (options.maxAge !== undefined) cookie += `; Max-Age=${Math.trunc(options.maxAge)}`;
  if (options.partitioned) cookie += "; Partitioned";
  cookie += `; Path=${options.path ?? "/"}`;
  cookie += `; SameSite=${options.sameSite ?? "lax"}`;
  if (options.secure) cookie += "; Secure";
  return cookie;
}
