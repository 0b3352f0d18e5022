import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "./context.js";

/** What a request's head must satisfy before any route sees it. */
export interface RequestChecks {
  /**
   * headers a request may send once (default host, content-length, content-type,
   * authorization: RFC 9112 wants 400 for two Hosts, and two values of the others let two
   * parsers read one request two ways); a repeat → 400, and the connection closes
   */
  uniqueHeaders?: readonly string[];
  /**
   * content codings a request body may carry (default `["identity"]`: bodies are not
   * decompressed); another → 415 with `Accept-Encoding`, never a body parsed as if plain
   */
  contentEncodings?: readonly string[];
}

/**
 * Header names to look for in one pass over a request's raw lines: a length table skips most
 * lines unread, and names as clients spell them ("Content-Type") are found without lowercasing.
 */
export class HeaderNames {
  /** lowercase and display spellings -> the name's index (under 32 names) */
  readonly #index = new Map<string, number>();
  /** 1 at each length a wanted name has (names of 256 characters or more are never wanted) */
  readonly #lengths = new Uint8Array(256);
  readonly size: number;

  constructor(names: readonly string[]) {
    const lower = [...new Set(names.map((name) => name.toLowerCase()))].slice(0, 31);
    lower.forEach((name, i) => {
      this.#index.set(name, i);
      this.#index.set(display(name), i);
      if (name.length < 256) this.#lengths[name.length] = 1;
    });
    this.size = lower.length;
  }

  /** the index of a wanted name in any case, or -1 */
  indexOf(rawName: string): number {
    const length = rawName.length;
    if (length > 255 || this.#lengths[length] === 0) return -1;
    return this.#index.get(rawName) ?? this.#index.get(rawName.toLowerCase()) ?? -1;
  }
}

const DEFAULT_UNIQUE = ["host", "content-length", "content-type", "authorization"];

/** "content-type" -> "Content-Type" (the name as the error message spells it) */
function display(name: string): string {
  return name.replace(
    /(^|-)([a-z])/g,
    (_m, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}

/**
 * The check an app runs on every request head: undefined when it passes, else the
 * HTTPException to answer with. Built once per app.
 *
 * @example const check = compileRequestChecks({ contentEncodings: ["identity", "gzip"] });
 */
export function compileRequestChecks(
  checks: RequestChecks = {},
): (ctx: RequestContext) => HTTPException | undefined {
  const unique = new HeaderNames(checks.uniqueHeaders ?? DEFAULT_UNIQUE);
  const encodings = new Set(
    (checks.contentEncodings ?? ["identity"]).map((coding) => coding.toLowerCase()),
  );
  const acceptEncoding = [...encodings].join(", ");
  return (ctx) => {
    const repeated = unique.size === 0 ? undefined : ctx.adapter.repeatedHeader?.(ctx, unique);
    if (repeated !== undefined) {
      ctx.closeConnection = true;
      return new HTTPException(400, `Duplicate ${display(repeated)} header`);
    }
    // one header, not the whole record: on a Web Request (Bun, Deno) building the record
    // costs more than routing a GET /hello
    const coding = ctx.header("content-encoding");
    if (coding !== undefined && !acceptsCoding(coding, encodings)) {
      return new HTTPException(415, "Unsupported Content-Encoding", {
        "accept-encoding": acceptEncoding,
      });
    }
    return undefined;
  };
}

/** "gzip, identity" -> each coding must be allowed */
function acceptsCoding(header: string | string[], allowed: ReadonlySet<string>): boolean {
  const text = Array.isArray(header) ? header.join(",") : header;
  for (const coding of text.split(",")) {
    const name = coding.trim().toLowerCase();
    if (name !== "" && !allowed.has(name)) return false;
  }
  return true;
}
