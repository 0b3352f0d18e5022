import { describe, expect, it } from "vitest";
import { parseRunArgs } from "../../src/cli/args.js";

describe("parseRunArgs", () => {
  it("maps uvicorn-style flags to serve() options, durations in seconds", () => {
    expect(
      parseRunArgs(
        [
          "app/main.ts:api",
          "--host=0.0.0.0",
          "--port",
          "9000",
          "--workers",
          "4",
          "--graceful-timeout",
          "10",
          "--headers-timeout=2.5",
          "--body-timeout",
          "5",
          "--request-timeout",
          "60",
          "--keep-alive-timeout",
          "3",
          "--forwarded-allow-ips",
          "10.0.0.0/8",
          "--log-level",
          "debug",
          "--no-access-log",
        ],
        "run",
      ),
    ).toEqual({
      module: "app/main.ts:api",
      workers: 4,
      serve: {
        host: "0.0.0.0",
        port: 9000,
        gracefulTimeout: 10,
        headersTimeout: 2.5,
        bodyTimeout: 5,
        requestTimeout: 60,
        keepAliveTimeout: 3,
        forwardedAllowIps: "10.0.0.0/8",
        logLevel: "debug",
        accessLog: false,
      },
    });
  });

  it("turns proxy headers on and off", () => {
    expect(parseRunArgs(["a.ts", "--proxy-headers"], "run").serve.proxyHeaders).toBe(true);
    expect(parseRunArgs(["a.ts", "--no-proxy-headers"], "run").serve.proxyHeaders).toBe(false);
  });

  it("says what is wrong with a flag", () => {
    expect(() => parseRunArgs(["a.ts", "--port", "x"], "run")).toThrow(
      "--port needs a number >= 0",
    );
    expect(() => parseRunArgs(["a.ts", "--workers", "1.5"], "run")).toThrow("whole number");
    expect(() => parseRunArgs(["a.ts", "--workers", "0"], "run")).toThrow("at least 1");
    expect(() => parseRunArgs(["a.ts", "--log-level", "loud"], "run")).toThrow(
      "--log-level is one of",
    );
    expect(() => parseRunArgs(["a.ts", "--workers", "2"], "dev")).toThrow(
      "unknown option --workers for dev",
    );
    expect(() => parseRunArgs([], "run")).toThrow("run takes one app module");
    expect(() => parseRunArgs(["a.ts", "--host"], "run")).toThrow("--host needs an address");
    expect(() =>
      parseRunArgs(["a.ts", "--headers-timeout", "60", "--request-timeout", "30"], "run"),
    ).toThrow("headersTimeout must not be longer than requestTimeout");
    expect(() => parseRunArgs(["a.ts", "--forwarded-allow-ips", "proxy.lan"], "run")).toThrow(
      '"proxy.lan" is neither an IP address nor a CIDR network',
    );
  });
});
