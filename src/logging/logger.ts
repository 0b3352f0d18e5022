import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";
import { prettyDestination } from "./pretty.js";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
];

/** Where and how log lines are written. */
export interface LoggerOptions {
  /** default "info" */
  level?: LogLevel;
  /** default "auto": readable lines on a terminal, one JSON object per line otherwise */
  format?: "auto" | "json" | "pretty";
  /** default stdout */
  destination?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Extra fields of a log line: `{ route: "/chat", tokens: 12 }`. */
export type LogFields = Record<string, unknown>;

function build(options: LoggerOptions): PinoLogger {
  const stream = options.destination ?? process.stdout;
  const format = options.format ?? "auto";
  const pretty = format === "pretty" || (format === "auto" && stream.isTTY === true);
  let destination: DestinationStream;
  if (pretty) destination = prettyDestination(stream);
  // stdout itself goes through pino's own synchronous writer: no line is lost at exit
  else if (stream === process.stdout) destination = pino.destination({ dest: 1, sync: true });
  else destination = stream as DestinationStream;
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than 30: what log shippers and people read
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * The framework's logger, backed by pino: framework errors, access lines and the app's own
 * messages go to one place in one format.
 *
 * @example logger.info("model loaded", { model: "mistral-7b" });
 */
export class TailorLogger {
  #pino: PinoLogger;

  constructor(options: LoggerOptions = {}) {
    this.#pino = build(options);
  }

  /** Replaces level, format or destination; every holder of this logger sees the change. */
  configure(options: LoggerOptions): void {
    this.#pino = build(options);
  }

  /** the pino logger underneath, for child loggers and pino's own API */
  get pino(): PinoLogger {
    return this.#pino;
  }

  get level(): string {
    return this.#pino.level;
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.#pino.isLevelEnabled(level);
  }

  /** Logs a failure; an Error's stack goes into the line's `err` field. */
  error(message: string, error?: unknown, fields?: LogFields): void {
    if (error === undefined) this.#pino.error(fields ?? {}, message);
    else this.#pino.error({ ...fields, err: error }, message);
  }

  warn(message: string, fields?: LogFields): void {
    this.#pino.warn(fields ?? {}, message);
  }

  info(message: string, fields?: LogFields): void {
    this.#pino.info(fields ?? {}, message);
  }

  debug(message: string, fields?: LogFields): void {
    this.#pino.debug(fields ?? {}, message);
  }
}

/**
 * The process-wide logger: the default `App` logger, the access log and `tailor run`'s messages.
 *
 * @example logger.configure({ level: "debug" });
 */
export const logger = new TailorLogger();
