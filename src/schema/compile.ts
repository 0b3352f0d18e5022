import { base64Node, isBase64Bytes } from "./base64.js";
import {
  arrayChecksKnown,
  compileArray,
  compileObject,
  compileRecord,
  compileTuple,
} from "./compile-compound.js";
import {
  booleanNode,
  compileChoice,
  dateNode,
  nullNode,
  passThrough,
  undefinedNode,
} from "./compile-leaf.js";
import { compileNumber } from "./compile-number.js";
import { compileString } from "./compile-string.js";
import { compileUnion } from "./compile-union.js";
import { freshDefault } from "./default-value.js";
import { compileChecks, compileStandard } from "./fallback.js";
import { type Compiled, INVALID, type NodeFn, type Run } from "./run.js";
import { isStandardSchema } from "./standard.js";
import { checksOf, isZod, WRAPPER_TYPES, type ZodCheckLike, type ZodLike } from "./zod-def.js";

const cache = new WeakMap<object, Compiled>();
// schemas being compiled right now: a recursive reference (z.lazy, shape getters) gets a
// trampoline to the node that is still being built
const building = new Map<object, { fn: NodeFn | null }>();

/** Compiles a schema node once into a closure; repeated and recursive schemas share nodes. */
export function compileNode(schema: unknown): Compiled {
  if (!isZod(schema)) {
    if (isStandardSchema(schema)) return { fn: compileStandard(schema), acceptsUndefined: false };
    throw new TypeError("Expected a Zod schema or a Standard Schema validator");
  }
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  const pending = building.get(schema);
  if (pending !== undefined) {
    return {
      fn: (value, run) => pending.fn!(value, run),
      acceptsUndefined: schema._zod.def.type === "optional" || schema._zod.def.type === "default",
    };
  }
  const slot: { fn: NodeFn | null } = { fn: null };
  building.set(schema, slot);
  try {
    const node = build(schema);
    slot.fn = node.fn;
    cache.set(schema, node);
    return node;
  } finally {
    building.delete(schema);
  }
}

/** Runs the checks the native node did not understand after the node succeeded. */
function withChecks(node: Compiled, schema: ZodLike, known: (check: string) => boolean): Compiled {
  return thenChecks(
    node,
    checksOf(schema).filter((c) => !known(c._zod.def.check ?? "")),
  );
}

function thenChecks(node: Compiled, unknown: ZodCheckLike[]): Compiled {
  if (unknown.length === 0) return node;
  const runChecks = compileChecks(unknown);
  const inner = node.fn;
  return {
    fn: (value, run) => {
      const r = inner(value, run);
      return r === INVALID ? r : runChecks(r, run);
    },
    acceptsUndefined: node.acceptsUndefined,
  };
}

const LENGTH_CHECKS = new Set(["min_length", "max_length", "length_equals"]);
const noneKnown = () => false;

function withAllChecks(node: Compiled, schema: ZodLike): Compiled {
  return withChecks(node, schema, noneKnown);
}

function build(schema: ZodLike): Compiled {
  const def = schema._zod.def;
  if (def.type === "pipe" && isBase64Bytes(schema)) return base64Node;
  switch (def.type) {
    case "string": {
      const { node, unknown } = compileString(schema);
      return thenChecks(node, unknown);
    }
    case "number": {
      const { node, unknown } = compileNumber(schema);
      return thenChecks(node, unknown);
    }
    case "boolean":
      return withAllChecks(booleanNode, schema);
    // refinements on these run too (`z.enum([...]).refine(...)`)
    case "enum":
    case "literal":
      return withAllChecks(compileChoice(schema), schema);
    case "null":
      return withAllChecks(nullNode, schema);
    case "undefined":
    case "void":
      return withAllChecks(undefinedNode, schema);
    case "any":
    case "unknown":
      return withAllChecks(passThrough, schema);
    case "date":
      return withAllChecks(dateNode, schema);
    case "object":
      return withAllChecks(compileObject(schema, compileNode), schema);
    case "array": {
      const node = compileArray(schema, compileNode);
      return arrayChecksKnown(schema)
        ? node
        : withChecks(node, schema, (c) => LENGTH_CHECKS.has(c));
    }
    case "record":
      return withAllChecks(compileRecord(schema, compileNode), schema);
    case "tuple":
      return withAllChecks(compileTuple(schema, compileNode), schema);
    case "union":
      return withAllChecks(compileUnion(schema, compileNode), schema);
    default: {
      const node = buildWrapper(schema);
      // `.optional().refine(...)`: the wrapper's own checks, after what it wraps
      return CHECKED_WRAPPERS.has(def.type) ? withAllChecks(node, schema) : node;
    }
  }
}

/** Wrappers whose own checks the compiler runs; anything else runs its own `~standard`. */
const CHECKED_WRAPPERS = new Set([...WRAPPER_TYPES, "lazy", "pipe"]);

function buildWrapper(schema: ZodLike): Compiled {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional": {
      const inner = compileNode(def.innerType).fn;
      return {
        fn: (v, run) => (v === undefined ? undefined : inner(v, run)),
        acceptsUndefined: true,
      };
    }
    case "nullable": {
      const node = compileNode(def.innerType);
      const inner = node.fn;
      return {
        fn: (v, run) => (v === null ? null : inner(v, run)),
        acceptsUndefined: node.acceptsUndefined,
      };
    }
    case "default": {
      const inner = compileNode(def.innerType).fn;
      // a fresh copy of an object default on every use, nested objects included
      return {
        fn: (v, run) => (v === undefined ? freshDefault(def) : inner(v, run)),
        acceptsUndefined: true,
      };
    }
    case "prefault": {
      const inner = compileNode(def.innerType).fn;
      return {
        fn: (v, run) => inner(v === undefined ? freshDefault(def) : v, run),
        acceptsUndefined: true,
      };
    }
    case "catch": {
      const inner = compileNode(def.innerType).fn;
      const fn = (v: unknown, run: Run): unknown => {
        const mark = run.mark();
        const depth = run.path.length;
        const r = inner(v, run);
        if (r !== INVALID) return r;
        run.rollback(mark);
        run.path.length = depth;
        return def.catchValue({ value: v, issues: [], error: { issues: [] }, input: v });
      };
      return { fn, acceptsUndefined: true };
    }
    case "readonly": {
      const node = compileNode(def.innerType);
      const inner = node.fn;
      return {
        fn: (v, run) => {
          const r = inner(v, run);
          return typeof r === "object" && r !== null ? Object.freeze(r) : r;
        },
        acceptsUndefined: node.acceptsUndefined,
      };
    }
    case "nonoptional": {
      const inner = compileNode(def.innerType).fn;
      return { fn: inner, acceptsUndefined: false };
    }
    case "lazy": {
      let node: Compiled | null = null;
      return {
        fn: (v, run) => {
          if (node === null) node = compileNode(def.getter());
          return node.fn(v, run);
        },
        acceptsUndefined: schema._zod.optin !== undefined,
      };
    }
    case "pipe": {
      // `in` converts like any schema; `out` (often a transform) gets its output
      const from = compileNode(def.in);
      const to = compileNode(def.out).fn;
      const first = from.fn;
      return {
        fn: (v, run) => {
          const r = first(v, run);
          return r === INVALID ? r : to(r, run);
        },
        acceptsUndefined: from.acceptsUndefined,
      };
    }
    default:
      return { fn: compileStandard(schema), acceptsUndefined: schema._zod.optin !== undefined };
  }
}
