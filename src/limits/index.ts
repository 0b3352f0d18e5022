export {
  ConcurrencyLimiter,
  type ConcurrencyOptions,
  type ConcurrencyStats,
} from "./concurrency.js";
export { DeadlineExceeded, type DeadlineHooks, guardRoute } from "./guard.js";
