/** A readable rendering of pino's JSON lines, for a terminal: `12:00:01.250 INFO  message key=value`. */

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};
const LEVEL_VALUES: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};
const LEVEL_COLORS: Record<number, string> = {
  10: "\x1b[90m",
  20: "\x1b[36m",
  30: "\x1b[32m",
  40: "\x1b[33m",
  50: "\x1b[31m",
  60: "\x1b[35m",
};
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
// fields every line has, shown in the prefix or not at all
const HIDDEN = new Set(["level", "time", "pid", "hostname", "msg", "err"]);

function clock(time: unknown): string {
  const date = typeof time === "number" || typeof time === "string" ? new Date(time) : new Date();
  if (Number.isNaN(date.getTime())) return String(time);
  return date.toISOString().slice(11, 23);
}

function fieldText(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One JSON log line -> one readable line (plus the indented stack of an `err`, if any).
 * A line that is not JSON is returned as it is.
 *
 * @example formatPretty('{"level":30,"time":0,"msg":"ready","port":8000}\n', false) // "00:00:00.000 INFO  ready port=8000\n"
 */
export function formatPretty(line: string, color: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level =
    typeof record.level === "number" ? record.level : (LEVEL_VALUES[String(record.level)] ?? 30);
  const name = LEVEL_NAMES[level] ?? String(level);
  const fields: string[] = [];
  for (const key in record) {
    if (!HIDDEN.has(key)) fields.push(`${key}=${fieldText(record[key])}`);
  }
  const paint = (code: string | undefined, text: string) =>
    color && code !== undefined ? `${code}${text}${RESET}` : text;
  let text = `${paint(DIM, clock(record.time))} ${paint(LEVEL_COLORS[level], name)} ${String(record.msg ?? "")}`;
  if (fields.length > 0) text += ` ${paint(DIM, fields.join(" "))}`;
  const err = record.err as { stack?: unknown; message?: unknown } | string | undefined;
  if (err !== undefined) {
    const stack =
      typeof err === "object" && err !== null
        ? typeof err.stack === "string"
          ? err.stack
          : JSON.stringify(err)
        : String(err);
    text += `\n${stack.replace(/^/gm, "    ")}`;
  }
  return `${text}\n`;
}

/** A pino destination that writes each line through `formatPretty` to `stream`. */
export function prettyDestination(stream: NodeJS.WritableStream & { isTTY?: boolean }): {
  write(line: string): void;
} {
  const color = stream.isTTY === true && process.env.NO_COLOR === undefined;
  return { write: (line) => void stream.write(formatPretty(line, color)) };
}
