export { buildOpenApiDocument } from "./build.js";
export { defaultOperationId, documentedPath } from "./naming.js";
export type * from "./types.js";
