import { describe, expect, it } from "vitest";
import { type LookupResult, Router } from "../../src/routing/index.js";

// A deliberately naive model of Starlette's routing: one regex per route, tried in order.
interface ModelRoute {
  readonly methods: readonly string[];
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly value: number;
}

function compileModel(methods: readonly string[], template: string, value: number): ModelRoute {
  const names: string[] = [];
  const source = template
    .replace(/[.+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{(\w+)(?::(\w+))?\}/g, (_all, name: string, converter?: string) => {
      names.push(name);
      return converter === "path" ? "(.*)" : "([^/]+)";
    });
  return { methods, regex: new RegExp(`^${source}$`, "s"), names, value };
}

function lookupModel(
  routes: readonly ModelRoute[],
  method: string,
  path: string,
): LookupResult<number> {
  const allow = new Set<string>();
  for (const route of routes) {
    const found = route.regex.exec(path);
    if (found === null) continue;
    if (route.methods.includes(method)) {
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = found[i + 1]!;
      });
      return { match: { value: route.value, params } };
    }
    for (const m of route.methods) allow.add(m);
  }
  return allow.size === 0 ? null : { allow: [...allow].sort() };
}

// Small deterministic PRNG (mulberry32) so a failure is reproducible.
function randomSource(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const WORDS = ["users", "items", "me", "files", "v1", "orders", "a", "b", ""];
const METHOD_SETS = [["GET"], ["POST"], ["GET", "PUT"], ["DELETE"], ["GET", "PATCH", "PUT"]];

function randomTemplate(pick: (n: number) => number): string {
  const depth = 1 + pick(4);
  const parts: string[] = [];
  let param = 0;
  for (let i = 0; i < depth; i++) {
    const kind = pick(10);
    if (kind < 5) parts.push(WORDS[pick(WORDS.length)]!);
    else if (kind < 8) parts.push(`{p${param++}}`);
    else if (kind < 9) parts.push(`x{p${param++}}.json`);
    else {
      parts.push(`{p${param++}:path}`);
      break;
    }
  }
  return `/${parts.join("/")}`;
}

function randomPath(pick: (n: number) => number): string {
  const depth = 1 + pick(5);
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) {
    const kind = pick(4);
    if (kind < 2) parts.push(WORDS[pick(WORDS.length)]!);
    else if (kind < 3) parts.push(`x${pick(3)}.json`);
    else parts.push(String(pick(100)));
  }
  return `/${parts.join("/")}`;
}

describe("Router with many routes", () => {
  it("agrees with an in-order scan of 1,000 random routes on 5,000 random requests", () => {
    const pick = randomSource(20240611);
    const router = new Router<number>();
    const model: ModelRoute[] = [];
    for (let i = 0; i < 1000; i++) {
      const template = randomTemplate(pick);
      const methods = METHOD_SETS[pick(METHOD_SETS.length)]!;
      router.add(methods, template, i);
      model.push(compileModel(methods, template, i));
    }
    let matches = 0;
    let notAllowed = 0;
    for (let i = 0; i < 5000; i++) {
      const path = randomPath(pick);
      const method = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"][pick(6)]!;
      const expected = lookupModel(model, method, path);
      expect(router.lookup(method, path), `${method} ${path}`).toEqual(expected);
      expect(router.matchesPath(path), path).toBe(expected !== null);
      if (expected !== null && "match" in expected) matches++;
      if (expected !== null && "allow" in expected) notAllowed++;
    }
    // The random paths must exercise all three outcomes for the comparison to mean anything.
    expect(matches).toBeGreaterThan(500);
    expect(notAllowed).toBeGreaterThan(100);
  });

  it("finds each of 1,000 static and 1,000 param routes", () => {
    const router = new Router<string>();
    for (let i = 0; i < 1000; i++) router.add(["GET"], `/static/r${i}/leaf`, `static ${i}`);
    for (let i = 0; i < 1000; i++) router.add(["GET"], `/param/r${i}/{id}`, `param ${i}`);
    for (let i = 0; i < 1000; i++) {
      expect(router.lookup("GET", `/static/r${i}/leaf`)).toEqual({
        match: { value: `static ${i}`, params: {} },
      });
      expect(router.lookup("GET", `/param/r${i}/x${i}`)).toEqual({
        match: { value: `param ${i}`, params: { id: `x${i}` } },
      });
    }
    expect(router.lookup("GET", "/param/r1000/x")).toBeNull();
    expect(router.lookup("POST", "/static/r999/leaf")).toEqual({ allow: ["GET"] });
  });
});
