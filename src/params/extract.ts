import { decodeJsonBody } from "../http/body.js";
import type { RequestContext } from "../http/context.js";
import {
  type FormLimits,
  type ResolvedFormLimits,
  readFormBody,
  resolveFormLimits,
} from "../http/form-body.js";
import { DEFAULT_JSON_LIMITS, type ResolvedJsonLimits } from "../http/json-guard.js";
import { ACCEPT_FAIL, type ValidationErrorDetail } from "../schema/index.js";
import { bodyKindOf, type ParamDeclaration } from "./analyze.js";
import { type CompiledParam, compileParam } from "./compile.js";

/** What a request's params failed: every error, and per graph node whether its input was invalid. */
export interface ParamFailure {
  errors: ValidationErrorDetail[];
  /** null for a route without dependencies (one node) */
  invalid: boolean[] | null;
}

/** The functions of a route that declare params: the handler and its dependencies. */
export interface ParamNode {
  id: number;
  params: readonly ParamDeclaration[];
}

export interface ExtractorSettings {
  /** default body limit; a route's `bodyLimit` wins */
  bodyLimit: number;
  strictContentType: boolean;
  formLimits?: FormLimits | undefined;
  /** the app's JSON limits (defaults in http/json-guard.ts) */
  jsonLimits?: ResolvedJsonLimits | undefined;
}

type Args = Record<string, unknown>;

function addFailure(
  failure: ParamFailure | undefined,
  errors: ValidationErrorDetail[],
  node: number,
  nodeCount: number,
): ParamFailure {
  if (failure === undefined) failure = { errors: errors.slice(), invalid: null };
  else failure.errors.push(...errors);
  if (node >= 0) (failure.invalid ??= new Array(nodeCount).fill(false))[node] = true;
  return failure;
}

/**
 * A route's params compiled once: where each is read, how it is validated, which node's
 * arguments receive it, and how the body (JSON or form) is read — only if one is declared.
 */
export class ParamExtractor {
  readonly #params: CompiledParam[];
  readonly #nodeCount: number;
  /** several nodes: `args` is one object per node; else the handler's one object */
  readonly #perNode: boolean;
  /** "json" or "form" when the route declares a body; null: nothing is read from the stream */
  readonly bodyKind: "json" | "form" | null;
  readonly #embedBody: boolean;
  readonly #bodyLimit: number;
  readonly #strict: boolean;
  readonly #formLimits: ResolvedFormLimits;
  readonly #jsonLimits: ResolvedJsonLimits;

  constructor(
    nodes: readonly ParamNode[],
    where: string,
    settings: ExtractorSettings,
    route: { bodyLimit?: number | undefined; formLimits?: FormLimits | undefined },
  ) {
    const all = nodes.flatMap((node) => node.params);
    const bodyParams = all.filter((p) => p.source === "body");
    const embedBody = bodyParams.length > 1 || bodyParams.some((p) => p.options.embed === true);
    this.#params = nodes.flatMap((node) =>
      node.params.map((param) => compileParam(node.id, param, embedBody)),
    );
    this.#nodeCount = nodes.length;
    this.#perNode = nodes.length > 1;
    this.#embedBody = embedBody;
    // a form route never reads its body as JSON, a JSON route never parses a form
    this.bodyKind = bodyKindOf(all, where);
    this.#bodyLimit = route.bodyLimit ?? settings.bodyLimit;
    this.#strict = settings.strictContentType;
    this.#formLimits = resolveFormLimits(settings.formLimits, route.formLimits);
    this.#jsonLimits = settings.jsonLimits ?? DEFAULT_JSON_LIMITS;
  }

  /** the declared body as received: form values, or the JSON body's bytes (see `decodeBody`) */
  readBody(ctx: RequestContext): Promise<unknown> {
    return this.bodyKind === "form"
      ? readFormBody(ctx, this.#formLimits, this.#bodyLimit)
      : ctx.body(this.#bodyLimit);
  }

  /** what `readBody` received -> the value body params read (a JSON body is parsed here) */
  decodeBody(ctx: RequestContext, received: unknown): unknown {
    if (this.bodyKind === "form") return received;
    const body = decodeJsonBody(
      received as Uint8Array,
      ctx.header("content-type"),
      this.#strict,
      this.#jsonLimits,
    );
    return body === null && !this.#embedBody ? undefined : body; // a null body is a missing body
  }

  /**
   * Reads and validates every param into `args` (an array of one object per node when the route
   * has dependencies, else the handler's object); undefined when all are valid, else every error.
   */
  extract(ctx: RequestContext, body: unknown, args: Args | Args[]): ParamFailure | undefined {
    const params = this.#params;
    const perNode = this.#perNode;
    let failure: ParamFailure | undefined;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      const raw = param.read(ctx, body);
      const target = perNode ? (args as Args[])[param.node]! : (args as Args);
      if (param.validate === null) {
        target[param.name] = raw;
        continue;
      }
      // the accepted value without a result object; a rejected one is re-run for its errors
      if (param.accept !== null) {
        const value = param.accept(raw);
        if (value !== ACCEPT_FAIL) {
          target[param.name] = value;
          continue;
        }
      }
      const checked = param.validate(raw, param.loc);
      if (checked.ok) target[param.name] = checked.value;
      else
        failure = addFailure(failure, checked.errors, perNode ? param.node : -1, this.#nodeCount);
    }
    return failure;
  }
}
