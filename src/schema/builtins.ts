import { z } from "zod";

/**
 * The schemas Tailor's own params are declared with (security schemes, the OAuth2 password
 * form), so that no module outside schema/ names the schema library.
 */
export const builtinSchemas = {
  /** any string */
  string: () => z.string(),
  /** a string, or absent */
  optionalString: () => z.string().optional(),
  /** a string; `value` when absent */
  stringWithDefault: (value: string) => z.string().default(value),
  /** a string matching `pattern` */
  matching: (pattern: RegExp) => z.string().regex(pattern),
  /** a string matching `pattern`, or absent */
  optionalMatching: (pattern: RegExp) => z.string().regex(pattern).optional(),
};
