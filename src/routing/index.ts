// Path templates

// Request paths
export { decodePath } from "./decode-path.js";
export { parsePathTemplate } from "./path-template.js";
// Routing
export { Router } from "./router.js";
export type {
  LookupResult,
  PathTemplate,
  RouteMatch,
  TemplateSegment,
} from "./types.js";
