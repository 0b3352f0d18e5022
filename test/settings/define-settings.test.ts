import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { ConfigError, defineSettings, loadSettings } from "../../src/index.js";

const Schema = z.object({
  database_url: z.string(),
  workers: z.number().int().min(1).default(1),
  debug: z.boolean().default(false),
  allowedOrigins: z.array(z.string()).default([]),
  limits: z.object({ rpm: z.number() }).optional(),
});

function envFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tailor-settings-"));
  const path = join(dir, ".env");
  writeFileSync(path, text);
  return path;
}

describe("loadSettings", () => {
  it("reads prefixed variables case-insensitively and converts them like query strings", () => {
    const settings = loadSettings(Schema, {
      prefix: "APP_",
      envFile: false,
      env: {
        APP_DATABASE_URL: "sqlite://x.db",
        app_workers: "4",
        APP_DEBUG: "yes",
        APP_ALLOWED_ORIGINS: '["https://a.example.com"]',
        APP_LIMITS: '{"rpm": "60"}',
        WORKERS: "99",
      },
    });
    expect(settings).toEqual({
      database_url: "sqlite://x.db",
      workers: 4,
      debug: true,
      allowedOrigins: ["https://a.example.com"],
      limits: { rpm: 60 },
    });
    expectTypeOf(settings.workers).toEqualTypeOf<number>();
  });

  it("fills defaults for absent variables", () => {
    const settings = loadSettings(Schema, { envFile: false, env: { DATABASE_URL: "x" } });
    expect(settings).toEqual({ database_url: "x", workers: 1, debug: false, allowedOrigins: [] });
  });

  it("reads a .env file, and the real environment wins over it", () => {
    const path = envFile(
      '# comment\nAPP_DATABASE_URL="postgres://file"\nAPP_WORKERS=2\nexport APP_DEBUG=true\n',
    );
    const settings = loadSettings(Schema, {
      prefix: "APP_",
      envFile: path,
      env: { APP_WORKERS: "8" },
    });
    expect(settings).toMatchObject({ database_url: "postgres://file", workers: 8, debug: true });
  });

  it("ignores a .env file that does not exist", () => {
    const settings = loadSettings(Schema, {
      envFile: join(tmpdir(), "no-such-dir-tailor", ".env"),
      env: { DATABASE_URL: "x" },
    });
    expect(settings.database_url).toBe("x");
  });

  it("reports every bad or missing variable in one E_SETTINGS error", () => {
    let error: unknown;
    try {
      loadSettings(Schema, {
        prefix: "APP_",
        envFile: false,
        env: { APP_WORKERS: "zero", APP_DEBUG: "maybe", APP_ALLOWED_ORIGINS: "a,b" },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("E_SETTINGS");
    expect((error as ConfigError).message).toBe(
      [
        "[E_SETTINGS] settings: 4 environment variables are missing or invalid:",
        "  APP_DATABASE_URL: Field required",
        '  APP_WORKERS: Input should be a valid integer, unable to parse string as an integer (got "zero")',
        '  APP_DEBUG: Input should be a valid boolean, unable to interpret input (got "maybe")',
        '  APP_ALLOWED_ORIGINS: Input should be a valid list (got "a,b")',
      ].join("\n"),
    );
  });

  it("names the variable as it was spelled and the field inside a JSON value", () => {
    expect(() =>
      loadSettings(Schema, {
        envFile: false,
        env: { database_url: "x", workers: "0", LIMITS: '{"rpm": "many"}' },
      }),
    ).toThrow(
      [
        "[E_SETTINGS] settings: 2 environment variables are missing or invalid:",
        '  workers: Input should be greater than or equal to 1 (got "0")',
        '  LIMITS (at rpm): Input should be a valid number, unable to parse string as a number (got "many")',
      ].join("\n"),
    );
  });
});

describe("defineSettings", () => {
  it("loads once and returns the same object until reload()", () => {
    const env: Record<string, string> = { DATABASE_URL: "first" };
    const settings = defineSettings(Schema, { envFile: false, env });
    const first = settings();
    env.DATABASE_URL = "second";
    expect(settings()).toBe(first);
    expect(settings.reload().database_url).toBe("second");
    expect(settings().database_url).toBe("second");
  });

  it("fails on the first call, not when declared", () => {
    const settings = defineSettings(Schema, { envFile: false, env: {} });
    expect(() => settings()).toThrow(/E_SETTINGS/);
  });
});
