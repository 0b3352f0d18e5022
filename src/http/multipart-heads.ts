/**
 * What python-multipart and Starlette refuse in a multipart body that busboy passes over in
 * silence: text before the first boundary (busboy skips a preamble) and a part with no
 * Content-Disposition header (busboy skips the part; Starlette answers 400, the part has no
 * name). A scanner over the raw body, fed alongside busboy.
 */
export type MultipartProblem = "preamble" | "no-disposition";

const BOUNDARY_PARAM = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i;
const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
const DISPOSITION_LINE = /(?:^|\r\n)content-disposition[ \t]*:/i;
/** a part head longer than this is busboy's to refuse; the scanner stops looking */
const MAX_HEAD = 16 * 1024;

type State = "opening" | "after-delimiter" | "head" | "search" | "done";

/**
 * Reads a multipart body as it arrives and reports the first problem it sees, once.
 *
 * @example const scan = new MultipartScanner("multipart/form-data; boundary=X"); scan.feed(chunk) // "preamble" | "no-disposition" | undefined
 */
export class MultipartScanner {
  readonly #dashBoundary: Buffer;
  /** CRLF + "--" + boundary: what ends a part */
  readonly #delimiter: Buffer;
  #state: State = "opening";
  #matched = 0;
  /** bytes kept from earlier chunks: a delimiter's start, or a head not yet ended */
  #pending = Buffer.alloc(0);

  constructor(contentType: string) {
    const match = BOUNDARY_PARAM.exec(contentType);
    this.#dashBoundary = Buffer.from(`--${match?.[1] ?? match?.[2] ?? ""}`, "latin1");
    this.#delimiter = Buffer.concat([Buffer.from("\r\n", "latin1"), this.#dashBoundary]);
  }

  feed(chunk: Buffer): MultipartProblem | undefined {
    if (this.#state === "done") return undefined;
    let buffer = chunk;
    if (this.#state === "opening") {
      // python-multipart skips CR and LF bytes, then wants "--boundary"
      let i = 0;
      for (; i < buffer.length && this.#matched < this.#dashBoundary.length; i++) {
        const byte = buffer[i]!;
        if (this.#matched === 0 && (byte === 13 || byte === 10)) continue;
        if (byte !== this.#dashBoundary[this.#matched]) return this.#stop("preamble");
        this.#matched++;
      }
      if (this.#matched < this.#dashBoundary.length) return undefined;
      this.#state = "after-delimiter";
      buffer = buffer.subarray(i);
    }
    let at = 0;
    if (
      this.#pending.length > 0 &&
      this.#state === "search" &&
      buffer.length >= this.#delimiter.length
    ) {
      // a delimiter split across chunks: look in the few bytes around the cut, never copying
      // a whole chunk of a large file
      const bridge = Buffer.concat([this.#pending, buffer.subarray(0, this.#delimiter.length - 1)]);
      const hit = bridge.indexOf(this.#delimiter);
      if (hit !== -1) {
        this.#state = "after-delimiter";
        at = hit + this.#delimiter.length - this.#pending.length;
      }
    } else if (this.#pending.length > 0) {
      buffer = Buffer.concat([this.#pending, buffer]);
    }
    this.#pending = Buffer.alloc(0);
    while (at < buffer.length) {
      if (this.#state === "after-delimiter") {
        if (buffer.length - at < 2) break;
        // "--" closes the body; anything after it is an epilogue
        if (buffer[at] === 45 && buffer[at + 1] === 45) return this.#stop(undefined);
        this.#state = "head";
      }
      if (this.#state === "head") {
        const end = buffer.indexOf(HEAD_END, at);
        if (end === -1) {
          if (buffer.length - at > MAX_HEAD) return this.#stop(undefined);
          break;
        }
        // the head runs from the CRLF after the boundary to the blank line
        const head = buffer.toString("latin1", at, end + 2);
        if (!DISPOSITION_LINE.test(head)) return this.#stop("no-disposition");
        this.#state = "search";
        at = end + HEAD_END.length;
        continue;
      }
      // "search": the part's content, up to the next delimiter
      const next = buffer.indexOf(this.#delimiter, at);
      if (next === -1) {
        // keep what could be the start of a delimiter split across chunks
        at = Math.max(at, buffer.length - (this.#delimiter.length - 1));
        break;
      }
      this.#state = "after-delimiter";
      at = next + this.#delimiter.length;
    }
    if (at < buffer.length) this.#pending = Buffer.from(buffer.subarray(at));
    return undefined;
  }

  #stop(problem: MultipartProblem | undefined): MultipartProblem | undefined {
    this.#state = "done";
    this.#pending = Buffer.alloc(0);
    return problem;
  }
}
