/** Structured JSON logs on pino, one object per line; inference telemetry is written after the response. */

import { pino } from "pino";
import { dependency } from "tailor";
import type { InferenceSettings } from "./config.js";

/** the settings' level names (Python's) -> pino's */
const PINO_LEVELS = { DEBUG: "debug", INFO: "info", WARNING: "warn", ERROR: "error" } as const;
export type LogLevel = keyof typeof PINO_LEVELS;
const LABELS: Record<string, LogLevel> = {
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
};

// #region logger
export class JsonLogger {
  readonly #pino: pino.Logger;

  /** `write` receives each JSON line (default: stdout) */
  constructor(level: LogLevel, write?: (line: string) => void) {
    const destination = write
      ? { write: (line: string) => write(line.trimEnd()) }
      : pino.destination(1);
    this.#pino = pino(
      {
        level: PINO_LEVELS[level],
        base: undefined, // no pid/hostname: the platform adds its own
        messageKey: "event",
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: LABELS[label] ?? label }) },
        // a key that slipped into a log call is never written
        redact: { paths: ["key", "api_key", "authorization"], censor: "[redacted]" },
      },
      destination,
    );
  }

  /** `{"level":"INFO","time":"…","route":"/v1/completions",…,"event":"inference"}` */
  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    this.#pino[PINO_LEVELS[level]](fields, event);
  }
}
// #endregion logger

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

/** A failed request runs no background task: its record is logged at once, with the error's name. */
export function logFailedInference(
  logger: JsonLogger,
  record: InferenceRecord,
  start: number,
  error: unknown,
): void {
  const name = error instanceof Error ? error.name : "Error";
  logger.log("WARNING", "inference", { ...record, latency_ms: elapsedMs(start), error: name });
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
