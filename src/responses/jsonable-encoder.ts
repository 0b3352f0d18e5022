/**
 * JSON-ready data from a value, as FastAPI's `jsonable_encoder`: a `Set` becomes a list, a `Map`
 * an object (keys as strings), a typed array (`Float32Array`, …) a list of numbers, bytes
 * (`Uint8Array`, `Buffer`) their UTF-8 text, a `Date` (anything with `toJSON`) what `toJSON`
 * gives; `undefined` object fields are dropped. A `bigint` stays a `bigint`: Tailor's JSON
 * writer writes its digits, as Python writes a big `int`.
 *
 * @example jsonableEncoder({ tags: new Set(["a"]), v: new Float32Array([0.5]) }); // { tags: ["a"], v: [0.5] }
 */
export function jsonableEncoder(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const special = encodeSpecial(value);
  if (special !== NOT_SPECIAL) return jsonableEncoder(special);
  if (Array.isArray(value)) return value.map((item) => jsonableEncoder(item) ?? null);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return jsonableEncoder(withJson.toJSON());
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = jsonableEncoder((value as Record<string, unknown>)[key]);
    if (item !== undefined && typeof item !== "function" && typeof item !== "symbol") {
      out[key] = item;
    }
  }
  return out;
}

const NOT_SPECIAL = Symbol("not special");
const utf8 = new TextDecoder("utf-8");

/** The plain value a Set, Map or typed array stands for; NOT_SPECIAL for anything else. */
export function encodeSpecial(value: object): unknown {
  if (value instanceof Set) return [...value];
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[String(key)] = item;
    return out;
  }
  if (ArrayBuffer.isView(value)) {
    // bytes whose class says how they are written (a base64Bytes() field's) use it; a Buffer's
    // own toJSON ({type: "Buffer", data}) is not what FastAPI writes for bytes
    if (value instanceof Uint8Array)
      return hasOwnWriter(value)
        ? (value as unknown as { toJSON(): unknown }).toJSON()
        : utf8.decode(value);
    if (value instanceof DataView) return utf8.decode(value);
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) return [...value];
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return NOT_SPECIAL;
}

function hasOwnWriter(bytes: Uint8Array): boolean {
  return typeof (bytes as { toJSON?: unknown }).toJSON === "function" && !Buffer.isBuffer(bytes);
}

export { NOT_SPECIAL };
