/**
 * pydantic v2's error wording, byte for byte (behaviors.md §2.2). Numbers in messages print
 * as declared (`1`, `0.5`); Python would print float constraints as `1.0` only inside `ctx`.
 */
export const MSG = {
  missing: "Field required",
  int_parsing: "Input should be a valid integer, unable to parse string as an integer",
  int_from_float: "Input should be a valid integer, got a number with a fractional part",
  int_type: "Input should be a valid integer",
  int_parsing_size: "Unable to parse input string as an integer, exceeded maximum size",
  float_parsing: "Input should be a valid number, unable to parse string as a number",
  float_type: "Input should be a valid number",
  finite_number: "Input should be a finite number",
  string_type: "Input should be a valid string",
  bool_parsing: "Input should be a valid boolean, unable to interpret input",
  bool_type: "Input should be a valid boolean",
  list_type: "Input should be a valid list",
  tuple_type: "Input should be a valid tuple",
  dict_type: "Input should be a valid dictionary",
  model_attributes_type: "Input should be a valid dictionary or object to extract fields from",
  none_required: "Input should be None",
  extra_forbidden: "Extra inputs are not permitted",
  datetime_type: "Input should be a valid datetime",
} as const;

export function fmtNumber(n: number | bigint): string {
  return String(n);
}

/** Python's repr() of a literal/enum value: `'a'`, `1`, `True`, `None`. */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") {
    if (value.includes("'") && !value.includes('"')) return `"${value}"`;
    return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  }
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  return String(value);
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'` — pydantic's list of expected values. */
export function expectedList(values: readonly unknown[]): string {
  const parts = values.map(pyRepr);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} or ${parts[parts.length - 1]}`;
}

export function lengthMsg(
  what: "at least" | "at most",
  n: number,
  actual: number,
  fieldType: string,
): string {
  return `${fieldType} should have ${what} ${n} item${n === 1 ? "" : "s"} after validation, not ${actual}`;
}
