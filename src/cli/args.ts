import { ConfigError } from "../errors/config-error.js";
import { LOG_LEVELS, type LogLevel } from "../logging/logger.js";
import { TrustedProxies } from "../server/proxy-headers.js";
import type { ServeOptions } from "../server/serve.js";
import { resolveTimeouts } from "../server/timeouts.js";
import { UsageError } from "./load-app.js";

/** The options `tailor run` and `tailor dev` share with `serve()`. */
export interface RunArgs {
  module: string;
  serve: ServeOptions;
  workers: number;
}

// flag -> serve() option, for the flags that take a number of seconds
const SECONDS: Record<string, keyof ServeOptions> = {
  "--graceful-timeout": "gracefulTimeout",
  "--headers-timeout": "headersTimeout",
  "--body-timeout": "bodyTimeout",
  "--request-timeout": "requestTimeout",
  "--keep-alive-timeout": "keepAliveTimeout",
};

function numberOf(flag: string, value: string | undefined, integer: boolean): number {
  const number = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(number) || number < 0)
    throw new UsageError(`${flag} needs a number >= 0`);
  if (integer && !Number.isInteger(number)) throw new UsageError(`${flag} needs a whole number`);
  return number;
}

/**
 * `["app.ts", "--port", "9000", "--workers=2"]` -> `{ module: "app.ts", workers: 2, serve: { port: 9000 } }`.
 * Flags as uvicorn spells them; `--flag value` and `--flag=value` both work.
 */
export function parseRunArgs(args: readonly string[], command: string): RunArgs {
  const serve: ServeOptions = {};
  let workers = 1;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    let inline: string | undefined;
    const equals = arg.indexOf("=");
    if (arg.startsWith("--") && equals !== -1) {
      inline = arg.slice(equals + 1);
      arg = arg.slice(0, equals);
    }
    const value = () => inline ?? args[++i];
    if (!arg.startsWith("-")) positional.push(arg);
    else if (arg === "--host") serve.host = value() ?? "";
    else if (arg === "--port") serve.port = numberOf(arg, value(), true);
    else if (arg === "--workers" && command === "run") workers = numberOf(arg, value(), true);
    else if (arg in SECONDS)
      (serve as Record<string, unknown>)[SECONDS[arg]!] = numberOf(arg, value(), false);
    else if (arg === "--proxy-headers") serve.proxyHeaders = true;
    else if (arg === "--no-proxy-headers") serve.proxyHeaders = false;
    else if (arg === "--forwarded-allow-ips") serve.forwardedAllowIps = value() ?? "";
    else if (arg === "--no-access-log") serve.accessLog = false;
    else if (arg === "--log-level") {
      const level = value() as LogLevel;
      if (!LOG_LEVELS.includes(level))
        throw new UsageError(`--log-level is one of ${LOG_LEVELS.join(", ")}`);
      serve.logLevel = level;
    } else throw new UsageError(`unknown option ${arg} for ${command}`);
  }
  if (positional.length !== 1) throw new UsageError(`${command} takes one app module`);
  if (serve.host === "") throw new UsageError("--host needs an address");
  if (workers < 1) throw new UsageError("--workers needs at least 1");
  // checked here too, so a primary does not fork workers that would all fail the same way
  try {
    resolveTimeouts(serve);
    if (serve.forwardedAllowIps !== undefined) new TrustedProxies(serve.forwardedAllowIps);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return { module: positional[0]!, serve, workers };
}

/** The run flags as `tailor --help` lists them. */
export const RUN_FLAGS_HELP = `      --host <address>            default 127.0.0.1
      --port <n>                  default 8000
      --workers <n>               processes (node:cluster); a dead one is replaced
      --graceful-timeout <s>      default 25: time in-flight work gets at shutdown
      --headers-timeout <s>       default 30: request line and headers must arrive by then
      --body-timeout <s>          default 30: a body arriving may pause this long
      --request-timeout <s>       default 300: headers and body must arrive by then
      --keep-alive-timeout <s>    default 5: idle kept-alive connections close after this
      --proxy-headers             default on: believe X-Forwarded-Proto/-For from the
      --forwarded-allow-ips <ips> trusted proxies: $FORWARDED_ALLOW_IPS or 127.0.0.1 ("*": all)
      --no-proxy-headers          ignore X-Forwarded-* headers
      --log-level <level>         fatal, error, warn, info (default), debug, trace, silent
      --no-access-log             no line per request`;
