const QUOTED_ESCAPE = /\\(?:([0-3][0-7]{2})|(.))/g;

function unescapeChar(_match: string, octal: string | undefined, char: string | undefined): string {
  return octal === undefined ? (char as string) : String.fromCharCode(Number.parseInt(octal, 8));
}

/** "a=1; b=\"two\"; a=3" -> { a: "3", b: "two" } (last wins, quotes removed, like Starlette). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  if (!header) return cookies;
  for (const chunk of header.split(";")) {
    const eq = chunk.indexOf("=");
    const key = (eq === -1 ? "" : chunk.slice(0, eq)).trim();
    let value = (eq === -1 ? chunk : chunk.slice(eq + 1)).trim();
    if (key === "" && value === "") continue;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
      // Python's unquoting: `\054` -> `,`, `\"` -> `"` (what serializeCookie writes)
      if (value.includes("\\")) value = value.replace(QUOTED_ESCAPE, unescapeChar);
    }
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

// Python's http.cookies: a value of these characters goes bare (an empty one is quoted: `""`)
const BARE_VALUE = /^[!#$%&'*+\-.^_`|~:0-9A-Za-z]+$/;
// inside quotes everything but letters, digits and !#$%&'*+-.^_`|~: ()/<=>?@[]{} is escaped
const QUOTED_ESCAPES = /[^!#$%&'*+\-.^_`|~:0-9A-Za-z ()/<=>?@[\]{}]/gu;

/** `"` -> `\"`, `\` -> `\\`, `,` -> `\054`, `é` -> `\351` (octal, as Python writes bytes < 256) */
function escapeChar(char: string): string {
  if (char === '"' || char === "\\") return `\\${char}`;
  const code = char.charCodeAt(0);
  // Python leaves characters past Latin-1 raw, which no header can carry: percent-encode them
  if (code > 0xff) return encodeURIComponent(char);
  return `\\${code.toString(8).padStart(3, "0")}`;
}

/**
 * Starlette's cookie format, attributes in its order: `sid=abc; Domain=…; expires=…; HttpOnly;
 * Max-Age=…; Partitioned; Path=/; SameSite=lax; Secure`.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`invalid cookie name: ${JSON.stringify(name)}`);
  const encoded = BARE_VALUE.test(value) ? value : `"${value.replace(QUOTED_ESCAPES, escapeChar)}"`;
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
