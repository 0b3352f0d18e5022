import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

/** One problem redocly reported, reduced to what a report needs. */
export interface LintProblem {
  file: string;
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  pointer: string;
}

const REDOCLY = resolve("node_modules/.bin/redocly");
const CONFIG = "extends:\n  - minimal\n";

interface RedoclyJson {
  problems?: {
    ruleId: string;
    severity: "error" | "warn";
    message: string;
    location?: { source?: { ref?: string }; pointer?: string }[];
  }[];
}

/**
 * Lints several OpenAPI documents with one `redocly lint` run (its start-up is slow), using the
 * `minimal` ruleset (`recommended` fails every FastAPI-shaped document on `no-empty-servers` and `security-defined`, both policies rather than defects) from a local `redocly.yaml`, with telemetry and update checks off.
 */
export async function redoclyLint(
  documents: Record<string, unknown>,
): Promise<{ reports: number; problems: LintProblem[] }> {
  const dir = mkdtempSync(join(tmpdir(), "tailor-redocly-"));
  try {
    writeFileSync(join(dir, "redocly.yaml"), CONFIG);
    const files = Object.entries(documents).map(([name, document]) => {
      const file = `${name}.json`;
      writeFileSync(join(dir, file), JSON.stringify(document, null, 2));
      return file;
    });
    const { stdout } = await promisify(execFile)(
      REDOCLY,
      ["lint", ...files, "--format=json", "--config=redocly.yaml"],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          NO_COLOR: "1",
        },
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    // one JSON report per file, written back to back
    const reports = JSON.parse(
      `[${stdout.slice(stdout.indexOf("{")).replace(/\}\s*\{\s*"totals"/g, '},{"totals"')}]`,
    ) as RedoclyJson[];
    const problems = reports
      .flatMap((report) => report.problems ?? [])
      .map((problem) => ({
        file: problem.location?.[0]?.source?.ref ?? "",
        ruleId: problem.ruleId,
        severity: problem.severity,
        message: problem.message,
        pointer: problem.location?.[0]?.pointer ?? "",
      }));
    return { reports: reports.length, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
