/** Structured JSON logs, one object per line; inference telemetry is written after the response. */

import { dependency } from "tailor";
import type { InferenceSettings } from "./config.js";

const LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export class JsonLogger {
  readonly #threshold: number;
  readonly #write: (line: string) => void;

  /** `write` receives each JSON line (default: stdout) */
  constructor(
    level: LogLevel,
    write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.#threshold = LEVELS[level];
    this.#write = write;
  }

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < this.#threshold) return;
    this.#write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  }
}

// #region telemetry
export interface InferenceRecord {
  route: string;
  model: string;
  /** which API key, never the key itself: `key_3f2a9c1e` */
  key_id: string;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
  stream?: boolean;
  /** the client went away before the end of a stream */
  cancelled?: boolean;
  /** the error that ended a stream early */
  error?: string;
}

/** Run as a background task: `ctx.background.add(logInference, logger, record)`. */
export function logInference(logger: JsonLogger, record: InferenceRecord): void {
  logger.log("INFO", "inference", { ...record });
}
// #endregion telemetry

export function createLogger(settings: InferenceSettings, write?: (line: string) => void) {
  return new JsonLogger(settings.log_level, write);
}

/** The app's logger, as the lifespan put it in the app state. */
export const getLogger = dependency({}, function getLogger(_args, ctx): JsonLogger {
  return ctx.state.logger;
});

/** milliseconds since `start` (a `performance.now()`), two decimals like the article */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}
