export {
  ConcurrencyLimiter,
  type ConcurrencyOptions,
  type ConcurrencyStats,
} from "./concurrency.js";
export { DeadlineExceeded, guardRoute } from "./guard.js";
