// Validation: the only module that knows the schema library.
export { type AliasRenamer, aliasOf, compileAliasRenamer, hasAliases } from "./aliases.js";
export { base64Bytes } from "./base64.js";
export { builtinSchemas } from "./builtins.js";
export { declaredFields, describeFields, describeSchema } from "./describe.js";
export { fieldDefaults } from "./field-defaults.js";
export { ACCEPT_FAIL, type Accept } from "./generate.js";
export {
  COMPONENT_REF_PREFIX,
  ComponentRegistry,
  type JsonSchema,
  orderKeys,
  type SchemaIo,
  titleCase,
  toJsonSchema,
} from "./json-schema.js";
export { linearPatternError, unsupportedPatterns } from "./linear-pattern.js";
export { modelShape } from "./model-shape.js";
export { isPlainJsonOutput } from "./plain-json.js";
export { sameSchema } from "./same-schema.js";
export type { StandardSchemaV1 } from "./standard.js";
export { isStandardSchema } from "./standard.js";
export type {
  FieldKeys,
  InputKind,
  SchemaFacts,
  Validated,
  ValidationErrorDetail,
  Validator,
  ValidatorOptions,
} from "./types.js";
export { acceptorFor, compileValidator, interpreterFor, validatorFor } from "./validator.js";
