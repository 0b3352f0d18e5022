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

/** Header names to look for in one pass: lengths first, so most lines are skipped unread. */
export class HeaderNames {
  readonly names: ReadonlySet<string>;
  readonly lengths: ReadonlySet<number>;

  constructor(names: readonly string[]) {
    this.names = new Set(names.map((name) => name.toLowerCase()));
    this.lengths = new Set([...this.names].map((name) => name.length));
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
    const repeated =
      unique.names.size === 0 ? undefined : ctx.adapter.repeatedHeader?.(ctx, unique);
    if (repeated !== undefined) {
      ctx.closeConnection = true;
      return new HTTPException(400, `Duplicate ${display(repeated)} header`);
    }
    const coding = ctx.headers["content-encoding"];
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
