// Validation: the only module that knows the schema library.
export { declaredFields, describeFields, describeSchema } from "./describe.js";
export { linearPatternError, unsupportedPatterns } from "./linear-pattern.js";
export type { StandardSchemaV1 } from "./standard.js";
export { isStandardSchema } from "./standard.js";
export type {
  InputKind,
  SchemaFacts,
  Validated,
  ValidationErrorDetail,
  Validator,
  ValidatorOptions,
} from "./types.js";
export { compileValidator, validatorFor } from "./validator.js";
