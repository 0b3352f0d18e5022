// Verifies a running contender's answers before it is measured.
import { isDeepStrictEqual } from "node:util";
import { CHECKS, type CheckCase } from "./scenarios.js";

async function runCheck(baseUrl: string, check: CheckCase): Promise<string | null> {
  const { method, path, headers, body } = check.request;
  const started = performance.now();
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  const elapsed = performance.now() - started;
  const allowed = Array.isArray(check.status) ? check.status : [check.status];
  if (!allowed.includes(res.status)) {
    return `status ${res.status}, expected ${allowed.join(" or ")} (body ${text.slice(0, 120)})`;
  }
  const type = res.headers.get("content-type") ?? "";
  if (check.contentType && !type.startsWith(check.contentType)) {
    return `content-type "${type}", expected "${check.contentType}…"`;
  }
  if (check.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `body is not JSON: ${text.slice(0, 120)}`;
    }
    if (!isDeepStrictEqual(parsed, check.json)) {
      return `body ${text.slice(0, 200)}, expected ${JSON.stringify(check.json)}`;
    }
  }
  if (check.text !== undefined && text !== check.text) {
    return `body ${JSON.stringify(text.slice(0, 80))}…, expected ${JSON.stringify(check.text.slice(0, 80))}…`;
  }
  if (check.minMs !== undefined && elapsed < check.minMs) {
    return `answered in ${elapsed.toFixed(0)} ms, expected at least ${check.minMs} ms`;
  }
  return null;
}

/** Runs every check; returns the failures as "name: reason" lines (empty when all pass). */
export async function checkContender(baseUrl: string): Promise<string[]> {
  const failures: string[] = [];
  for (const check of CHECKS) {
    try {
      const reason = await runCheck(baseUrl, check);
      if (reason) failures.push(`${check.name}: ${reason}`);
    } catch (error) {
      failures.push(`${check.name}: ${(error as Error).message}`);
    }
  }
  return failures;
}
