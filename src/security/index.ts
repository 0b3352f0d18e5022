export {
  APIKeyCookie,
  APIKeyHeader,
  type APIKeyOptions,
  APIKeyQuery,
} from "./api-key.js";
export { type AutoErrorValue, SecurityBase, type SecuritySchemeOptions } from "./base.js";
export { legacySecurityHandler, type SecurityFailure, SecurityHTTPException } from "./errors.js";
export {
  type HTTPAuthorizationCredentials,
  HTTPBasic,
  type HTTPBasicCredentials,
  type HTTPBasicOptions,
  HTTPBearer,
  type HTTPBearerOptions,
  HTTPDigest,
} from "./http.js";
export {
  OAuth2AuthorizationCodeBearer,
  type OAuth2AuthorizationCodeBearerOptions,
  OAuth2PasswordBearer,
  type OAuth2PasswordBearerOptions,
  OpenIdConnect,
  type OpenIdConnectOptions,
} from "./oauth2.js";
export { safeCompare } from "./safe-compare.js";
