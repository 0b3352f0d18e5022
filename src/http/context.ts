import type { Readable } from "node:stream";
import { BackgroundTasks } from "../background/tasks.js";
import { HTTPException } from "../errors/http-exception.js";
import { parseCookies } from "./cookies.js";
import { isHostHeader } from "./host-header.js";
import type { OutgoingResponse } from "./outgoing.js";
import { parseQuery, type QueryValues } from "./query.js";
import type { HeaderNames } from "./request-checks.js";
import { ResponseDraft } from "./response-draft.js";

/** the empty default of per-request records that are replaced, not filled */
const NONE: Record<string, any> = Object.freeze({});

export type HeaderValues = Record<string, string | string[] | undefined>;

/**
 * What a server adapter does for the request contexts it creates. One adapter object serves
 * every request; per-request data lives in `RequestContext.native`.
 */
export interface RequestAdapter {
  /** reads the whole body, failing with 413 past `limit` bytes */
  readBody(ctx: RequestContext, limit: number): Promise<Uint8Array>;
  /**
   * the body as a node stream, for parsers that read as it arrives (forms, multipart); the
   * caller reads it at most once and never together with `readBody`
   */
  bodyStream(ctx: RequestContext): Readable;
  /** every value of a header, one per header line (node joins repeated lines with ", ") */
  headerValues(ctx: RequestContext, name: string): string[];
  /**
   * the first of `names` (lowercase) sent on more than one header line; adapters whose
   * platform merges repeated lines before they see them (fetch) leave it out
   */
  repeatedHeader?(ctx: RequestContext, names: HeaderNames): string | undefined;
  /** aborts `controller` when the client goes away before the response is complete */
  watchDisconnect(ctx: RequestContext, controller: AbortController): void;
  /** the client's address */
  client(ctx: RequestContext): { host: string; port: number } | null;
  /**
   * for contexts created without a header record: one header, and the whole record on first
   * use (a Web Request's headers are read only when a route asks, as Bun reads them lazily)
   */
  header?(ctx: RequestContext, name: string): string | undefined;
  headers?(ctx: RequestContext): HeaderValues;
  /** for contexts created with the path alone: the query string, read when first asked */
  rawQuery?(ctx: RequestContext): string;
}

/**
 * Where a route that answers later hands its answer itself (node's listener, when no middleware
 * sits in between): no `.then` of the caller's is chained after the route's own.
 */
export interface ResponseSink {
  /** sends the finished response */
  deliver(ctx: RequestContext, response: OutgoingResponse): void;
  /** answers an error raised while finishing or answering (a 500, logged) */
  fail(ctx: RequestContext, error: unknown): void;
}

/** What `ctx.urlFor` asks for a route's path: the app handling the request. */
export interface UrlPathResolver {
  urlPathFor(name: string, params?: Readonly<Record<string, string | number>>): string;
}

/** A function run after the response is sent (generator teardown, background tasks). */
export type AfterSend = () => Promise<void> | void;

/**
 * Everything about one request. Sources are parsed only when first read: a route that declares
 * no query param never parses the query string. Handlers receive it as their second argument.
 *
 * @example app.get("/whoami", {}, (_args, ctx) => ({ path: ctx.path, agent: ctx.headers["user-agent"] }))
 */
export class RequestContext {
  /** uppercase method */
  readonly method: string;
  /** decoded path, as routed ("/users/a b") */
  path: string;
  /** the path as it arrived ("/users/a%20b"); a mount moves its prefix into `rootPath` */
  rawPath: string;
  readonly scheme: string;
  /** the mount prefix this app is served under ("" at the top) */
  rootPath = "";
  /** replaced (never mutated) by the router when a route matches */
  pathParams: Record<string, string> = NONE;
  /** the app's state (what the lifespan yielded); `state` reads through to it */
  appState: Record<string, any> = NONE;
  /** the app handling the request, for `urlFor` (set with `appState`) */
  urlPaths: UrlPathResolver | undefined = undefined;
  /** the adapter's own object: node's ServerResponse (request: `.req`), or the fetch adapter's */
  readonly native: unknown;
  readonly adapter: RequestAdapter;
  /** set when the connection must close after this response (e.g. an unread oversized body) */
  closeConnection = false;
  /** what the app's routing answers for this path, when the runtime's router matched it first */
  routed: unknown = undefined;
  /** set by the server before the app sees the request; cleared by middleware, mounts */
  sink: ResponseSink | undefined = undefined;
  /** a route set it when the promise it returned answers through `sink`: nothing to chain */
  sinkTaken = false;

  #headers: HeaderValues | undefined;
  #rawQuery: string | undefined;
  #query: QueryValues | undefined;
  #cookies: Record<string, string> | undefined;
  #body: Promise<Uint8Array> | undefined;
  #signal: AbortSignal | undefined;
  #abort: AbortController | undefined;
  #background: BackgroundTasks | undefined;
  #response: ResponseDraft | undefined;
  #state: Record<string, any> | undefined;
  /** teardown steps run after the response is sent (FastAPI 0.118+ timing), in reverse order */
  afterSend: AfterSend[] | undefined;

  constructor(
    adapter: RequestAdapter,
    native: unknown,
    method: string,
    url: string,
    /** undefined: the adapter's `header`/`headers` read them when asked */
    headers: HeaderValues | undefined,
    scheme = "http",
    /** `url` is the path alone, and the adapter's `rawQuery` reads the query when asked */
    pathOnly = false,
  ) {
    this.adapter = adapter;
    this.native = native;
    this.method = method;
    this.#headers = headers;
    this.scheme = scheme;
    if (pathOnly) {
      this.rawPath = url;
      this.path = url;
      return;
    }
    // a fragment is never part of a request: "/search?q=a#&limit=9" reads only q (a raw "#" on
    // the wire would otherwise smuggle query params past whatever built the URL)
    const hash = url.indexOf("#");
    const target = hash === -1 ? url : url.slice(0, hash);
    const question = target.indexOf("?");
    this.rawPath = question === -1 ? target : target.slice(0, question);
    this.#rawQuery = question === -1 ? "" : target.slice(question + 1);
    this.path = this.rawPath;
  }

  /** the query string without "?" ("" when absent) */
  get rawQuery(): string {
    this.#rawQuery ??= this.adapter.rawQuery!(this);
    return this.#rawQuery;
  }

  get query(): QueryValues {
    this.#query ??= parseQuery(this.rawQuery);
    return this.#query;
  }

  get cookies(): Record<string, string> {
    if (this.#cookies === undefined) {
      const header =
        this.#headers === undefined ? this.adapter.header!(this, "cookie") : this.#headers.cookie;
      this.#cookies = parseCookies(Array.isArray(header) ? header.join("; ") : header);
    }
    return this.#cookies;
  }

  /** lowercase header names; repeated lines joined with ", " (cookies with "; ") */
  get headers(): HeaderValues {
    this.#headers ??= this.adapter.headers!(this);
    return this.#headers;
  }

  header(name: string): string | undefined {
    if (this.#headers === undefined) return this.adapter.header!(this, name);
    const value = this.#headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /** every value of a header, one per header line */
  headerValues(name: string): string[] {
    return this.adapter.headerValues(this, name);
  }

  /** the raw body bytes (read once, cached); 413 past `limit` bytes */
  body(limit = 1024 * 1024): Promise<Uint8Array> {
    this.#body ??= this.adapter.readBody(this, limit);
    return this.#body;
  }

  /** the body as `body()` read it, or undefined when nothing has read it */
  get bodyIfRead(): Promise<Uint8Array> | undefined {
    return this.#body;
  }

  async text(limit?: number): Promise<string> {
    return new TextDecoder().decode(await this.body(limit));
  }

  async json(limit?: number): Promise<unknown> {
    return JSON.parse(await this.text(limit));
  }

  /** aborts when the client disconnects before the response is complete, or a deadline passes */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const controller = new AbortController();
      this.adapter.watchDisconnect(this, controller);
      this.#signal = controller.signal;
      this.#abort = controller;
    }
    return this.#signal;
  }

  /** aborts `signal` with `reason` (the route's `timeout` passed) */
  abort(reason: unknown): void {
    if (this.#abort === undefined) void this.signal;
    this.#abort!.abort(reason);
  }

  /** per-request state: reads fall through to the app's state, writes stay on this request */
  get state(): Record<string, any> {
    this.#state ??= Object.create(this.appState) as Record<string, any>;
    return this.#state;
  }

  /** tasks run after the response is sent */
  get background(): BackgroundTasks {
    this.#background ??= new BackgroundTasks();
    return this.#background;
  }

  get hasBackground(): boolean {
    return this.#background !== undefined && this.#background.size > 0;
  }

  /** status, headers and cookies to merge into the response the handler's value becomes */
  get response(): ResponseDraft {
    this.#response ??= new ResponseDraft();
    return this.#response;
  }

  get responseDraft(): ResponseDraft | undefined {
    return this.#response;
  }

  get client(): { host: string; port: number } | null {
    return this.adapter.client(this);
  }

  /** "http://host/root/path?query" as the client asked for it (mount prefixes included) */
  get url(): string {
    const host = this.header("host") ?? "localhost";
    const query = this.rawQuery ? `?${this.rawQuery}` : "";
    return `${this.scheme}://${host}${this.rootPath}${this.rawPath}${query}`;
  }

  /**
   * Starlette's `request.url_for`: the absolute URL of the route named `name` in the app handling
   * this request — the request's scheme (a trusted proxy's X-Forwarded-Proto), Host and
   * rootPath before the route's path. Throws `NoMatchFound` when no route fits.
   * @example ctx.urlFor("read_item", { item_id: 3 }) // "https://api.example.com/v1/items/3"
   */
  urlFor(name: string, params?: Readonly<Record<string, string | number>>): string {
    if (this.urlPaths === undefined) throw new Error("ctx.urlFor() works inside an App's request");
    const host = this.header("host") ?? "localhost";
    // a Host that is no host ("evil.example/phish?", "user@evil.example") would turn the link
    // into one to another site: 400, as RFC 9112 asks for an invalid Host
    if (!isHostHeader(host)) throw new HTTPException(400, "Invalid host header");
    return `${this.scheme}://${host}${this.rootPath}${this.urlPaths.urlPathFor(name, params)}`;
  }

  /** FastAPI's `request`: this context is the request */
  get request(): RequestContext {
    return this;
  }

  onAfterSend(step: AfterSend): void {
    (this.afterSend ??= []).push(step);
  }
}
