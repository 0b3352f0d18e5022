export {
  LOG_LEVELS,
  type LogFields,
  type LoggerOptions,
  type LogLevel,
  logger,
  TailorLogger,
} from "./logger.js";
export { formatPretty } from "./pretty.js";
