export { CORSMiddleware, type CORSOptions } from "./cors.js";
export { GZipMiddleware, type GZipOptions } from "./gzip.js";
export { HTTPSRedirectMiddleware } from "./https-redirect.js";
export { TrustedHostMiddleware, type TrustedHostOptions } from "./trusted-host.js";
export type { CallNext, MiddlewareObject } from "./types.js";
