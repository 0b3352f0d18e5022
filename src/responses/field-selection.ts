/**
 * Which fields `responseInclude` / `responseExclude` select, as pydantic's include/exclude:
 * top-level names (`["secret"]`), or a nested spec where `true` selects a whole field, a nested
 * spec or list selects inside it, and `__all__` (or an index) selects inside every (or one) item
 * of a list or value of a record.
 * @example { dimensions: ["width"], items: { __all__: { secret: true } } }
 */
export type FieldSelection = readonly string[] | FieldSpec;

/** The nested form of a {@link FieldSelection}: field name (or `__all__`, or an index) → what to select in it. */
export interface FieldSpec {
  readonly [key: string]: true | FieldSpec | readonly string[];
}

/** A compiled selection: `true` for a whole value, else what to select inside it. */
type Selected = true | SelectionNode;

/** A compiled {@link FieldSelection}. */
export interface SelectionNode {
  /** by field name, record key or list index */
  readonly keys: ReadonlyMap<string, Selected>;
  /** `__all__`: inside every item or value */
  readonly all: Selected | undefined;
  /** a list's items are selected by index or `__all__`; else the node applies to each item */
  readonly byIndex: boolean;
}

const INDEX = /^(0|[1-9]\d*)$/;

/** Compiles a selection once, at registration: `["a"]` and `{ a: true }` are the same. */
export function compileSelection(selection: FieldSelection): SelectionNode {
  const keys = new Map<string, Selected>();
  let all: Selected | undefined;
  const entries: [string, true | FieldSpec | readonly string[]][] = Array.isArray(selection)
    ? (selection as readonly string[]).map((key) => [key, true])
    : Object.entries(selection as FieldSpec);
  for (const [key, value] of entries) {
    const node: Selected = value === true ? true : compileSelection(value);
    if (key === "__all__") all = node;
    else keys.set(key, node);
  }
  return makeNode(keys, all, all !== undefined || [...keys.keys()].some((k) => INDEX.test(k)));
}

/** A node whose named keys already include what `__all__` selects, so lookups never merge. */
function makeNode(
  keys: Map<string, Selected>,
  all: Selected | undefined,
  byIndex: boolean,
): SelectionNode {
  if (all !== undefined) for (const [key, node] of keys) keys.set(key, merge(node, all)!);
  return { keys, all, byIndex };
}

/** Two selections of one value together: `true` (the whole value) wins, nested ones unite. */
function merge(a: Selected | undefined, b: Selected | undefined): Selected | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === true) return a;
  if (b === true) return b;
  const keys = new Map(a.keys);
  for (const [key, node] of b.keys) keys.set(key, merge(keys.get(key), node)!);
  return makeNode(keys, merge(a.all, b.all), a.byIndex || b.byIndex);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What the node selects in one key (an index of a list, a field or key of an object). */
function at(node: SelectionNode, key: string): Selected | undefined {
  return node.keys.get(key) ?? node.all;
}

/** Keeps only what `node` selects (pydantic's include). */
export function includeSelected(value: unknown, node: SelectionNode): unknown {
  if (Array.isArray(value)) {
    if (!node.byIndex) return value.map((item) => includeSelected(item, node));
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const selected = at(node, String(i));
      if (selected !== undefined) {
        out.push(selected === true ? value[i] : includeSelected(value[i], selected));
      }
    }
    return out;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const selected = at(node, key);
    if (selected !== undefined) {
      out[key] = selected === true ? value[key] : includeSelected(value[key], selected);
    }
  }
  return out;
}

/** Drops what `node` selects (pydantic's exclude). */
export function excludeSelected(value: unknown, node: SelectionNode): unknown {
  if (Array.isArray(value)) {
    if (!node.byIndex) return value.map((item) => excludeSelected(item, node));
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const selected = at(node, String(i));
      if (selected === undefined) out.push(value[i]);
      else if (selected !== true) out.push(excludeSelected(value[i], selected));
    }
    return out;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const selected = at(node, key);
    if (selected === undefined) out[key] = value[key];
    else if (selected !== true) out[key] = excludeSelected(value[key], selected);
  }
  return out;
}
