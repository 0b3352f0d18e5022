import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../src/index.js";
import { expectValidOpenApi } from "../openapi/validate.js";
import { EXAMPLE_DOCUMENTS } from "./examples.js";
import { type LintProblem, redoclyLint } from "./redocly.js";

type Json = Record<string, unknown>;
const documents: Record<string, Json> = {};
let problems: LintProblem[] = [];
let itemSchemaProblems: LintProblem[] = [];
let reports = 0;

/** a streaming operation's `itemSchema`: OpenAPI 3.2's field, as FastAPI writes it (validate.ts) */
const isItemSchema = (p: LintProblem) =>
  p.ruleId === "struct" && /\/(application~1jsonl|text~1event-stream)\/itemSchema$/.test(p.pointer);

beforeAll(async () => {
  for (const example of EXAMPLE_DOCUMENTS) {
    const response = await new TestClient(await example.load(), {
      baseUrl: example.baseUrl ?? "http://testserver",
    }).get(example.url ?? "/openapi.json");
    expect(response.status, example.name).toBe(200);
    documents[example.name] = (await response.json()) as Json;
  }
  ({ reports, problems } = await redoclyLint(documents));
  itemSchemaProblems = problems.filter(isItemSchema);
  // redocly does not look inside an itemSchema, so a model only an itemSchema uses looks unused
  const streaming = new Set(itemSchemaProblems.map((p) => p.file));
  problems = problems.filter(
    (p) => !isItemSchema(p) && !(p.ruleId === "no-unused-components" && streaming.has(p.file)),
  );
}, 120_000);

describe.each(EXAMPLE_DOCUMENTS.map((example) => example.name))("the %s document", (name) => {
  it("is a valid OpenAPI 3.1 document", async () => {
    await expectValidOpenApi(documents[name]!);
  });

  it("passes redocly's minimal lint with no errors", () => {
    const errors = problems.filter((p) => p.file === `${name}.json` && p.severity === "error");
    expect(errors).toEqual([]);
  });

  it("matches its snapshot", async () => {
    await expect(`${JSON.stringify(documents[name], null, 2)}\n`).toMatchFileSnapshot(
      `./__snapshots__/${name}.json`,
    );
  });
});

describe("redocly", () => {
  it("objects to nothing else about streaming operations than their 3.2 itemSchema", () => {
    expect(itemSchemaProblems.map((p) => p.file).sort()).toEqual([
      "client-app.json",
      "realtime-tokens.json",
      "tutorial-streaming.json",
    ]);
  });

  it("lints every example document in one run", () => {
    expect(reports).toBe(EXAMPLE_DOCUMENTS.length);
  });

  it("warns only about FastAPI's conventions: no servers without a root path, public operations, prefix roots", () => {
    // FastAPI writes `servers` only under a root path or mount, no `security` on public routes,
    // and a router's "/" route under its prefix is "/prefix/" (behaviors.md §6)
    const rules = new Set(problems.map((p) => p.ruleId));
    expect([...rules].sort()).toEqual([
      "no-empty-servers",
      "no-path-trailing-slash",
      "security-defined",
    ]);
    const trailing = problems
      .filter((p) => p.ruleId === "no-path-trailing-slash")
      .map((p) => p.file);
    expect([...new Set(trailing)]).toEqual(["tutorial-routers.json"]);
    const withoutServers = problems
      .filter((p) => p.ruleId === "no-empty-servers")
      .map((p) => p.file);
    expect(withoutServers).not.toContain("static-app-mounted-admin.json");
  });
});
