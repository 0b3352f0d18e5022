export { ConfigError, type ConfigErrorCode, ConfigErrorCodes } from "./config-error.js";
export { HTTPException, isHTTPException } from "./http-exception.js";
export { RequestValidationError, ResponseValidationError } from "./validation.js";
