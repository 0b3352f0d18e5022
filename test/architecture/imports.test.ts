import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  FACADES,
  LAYERS,
  SCHEMA_LIBRARY,
  SCHEMA_LIBRARY_USERS,
  SERVER_IMPORTED_BY,
  TYPE_IMPORTS_ALSO_FROM,
  VALUE_IMPORTS_ONLY_FROM,
} from "./layers.js";

const root = join(import.meta.dirname, "..", "..");
const srcDir = join(root, "src");

interface Edge {
  /** "app/app.ts" */
  file: string;
  from: string;
  /** the module specifier as written */
  specifier: string;
  /** the folder under src/ it resolves to, null for a package */
  to: string | null;
  /** "schema/index.ts" for a relative import */
  target: string | null;
  typeOnly: boolean;
}

function sourceFiles(): string[] {
  return readdirSync(srcDir, { recursive: true })
    .filter((name): name is string => typeof name === "string" && name.endsWith(".ts"))
    .map((name) => name.split(sep).join("/"))
    .sort();
}

function folderOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.indexOf("/")) : "(root)";
}

/** every import, re-export and dynamic import of a file, type-only or not */
function edgesOf(file: string): Edge[] {
  const text = readFileSync(join(srcDir, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    let to: string | null = null;
    let target: string | null = null;
    if (specifier.startsWith(".")) {
      target = relative(srcDir, join(srcDir, dirname(file), specifier))
        .split(sep)
        .join("/")
        .replace(/\.js$/, ".ts");
      to = folderOf(target);
    }
    edges.push({ file, from: folderOf(file), specifier, to, target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // with verbatimModuleSyntax only `import type` is erased; `import { type X }` still loads
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly === true);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** why an edge breaks the layering, or null when it is allowed */
function violation(edge: Edge): string | null {
  const { from, to } = edge;
  if (
    edge.specifier === SCHEMA_LIBRARY.module ||
    edge.specifier.startsWith(`${SCHEMA_LIBRARY.module}/`)
  ) {
    return from === SCHEMA_LIBRARY.folder || SCHEMA_LIBRARY_USERS[from] !== undefined
      ? null
      : `only ${SCHEMA_LIBRARY.folder}/ imports ${SCHEMA_LIBRARY.module}`;
  }
  if (to === null || from === "(root)" || to === from) return null;
  if (FACADES.includes(to) && edge.target !== `${to}/index.ts`) {
    return `${to}/ is entered through ${to}/index.ts`;
  }
  if (to === "server" && !SERVER_IMPORTED_BY.includes(from)) {
    return `server/ holds the adapters: only ${SERVER_IMPORTED_BY.join(", ")} import it`;
  }
  const fromLayer = LAYERS[from];
  const toLayer = LAYERS[to];
  if (fromLayer === undefined || toLayer === undefined) return "folder without a layer";
  if (edge.typeOnly) {
    if (toLayer < fromLayer || TYPE_IMPORTS_ALSO_FROM[from]?.includes(to)) return null;
    return `${from}/ (layer ${fromLayer}) may not import types of ${to}/ (layer ${toLayer})`;
  }
  const only = VALUE_IMPORTS_ONLY_FROM[from];
  if (only !== undefined && !only.includes(to)) {
    return `${from}/ imports only ${only.join(", ")} at run time`;
  }
  if (toLayer >= fromLayer)
    return `${from}/ (layer ${fromLayer}) imports ${to}/ (layer ${toLayer})`;
  return null;
}

const files = sourceFiles();
const edges = files.flatMap(edgesOf);

describe("the layering of src/", () => {
  it("gives every folder a layer", () => {
    const folders = [...new Set(files.map(folderOf))].filter((folder) => folder !== "(root)");
    expect(folders.filter((folder) => LAYERS[folder] === undefined)).toEqual([]);
  });

  it("has every import point to a lower layer, through the allowed doors", () => {
    // the parser sees imports, re-exports and type-only imports
    expect(edges.some((e) => e.file === "app/compile.ts" && e.to === "params")).toBe(true);
    expect(edges.some((e) => e.file === "index.ts" && e.to === "app")).toBe(true);
    expect(edges.some((e) => e.typeOnly && e.file === "app/route-record.ts")).toBe(true);
    const broken = edges.flatMap((edge) => {
      const why = violation(edge);
      return why === null ? [] : [`src/${edge.file} -> ${edge.specifier}: ${why}`];
    });
    expect(broken).toEqual([]);
  });

  it("reports an upward import, a bypassed facade, a stray zod import and an adapter import", () => {
    const edge = (from: string, specifier: string, to: string | null, typeOnly = false): Edge => ({
      file: `${from}/x.ts`,
      from,
      specifier,
      to,
      target: to === null ? null : `${to}/${specifier.split("/").pop()!.replace(".js", ".ts")}`,
      typeOnly,
    });
    expect(violation(edge("errors", "../schema/index.js", "schema"))).toMatch(
      /layer 1\) imports schema/,
    );
    expect(violation(edge("errors", "../schema/index.js", "schema", true))).toMatch(
      /may not import types/,
    );
    expect(violation(edge("params", "../schema/types.js", "schema", true))).toMatch(/index\.ts/);
    expect(violation(edge("security", "zod", null))).toMatch(/only schema\/ imports zod/);
    expect(violation(edge("jobs", "zod", null))).toBeNull();
    expect(violation(edge("app", "../server/serve.js", "server"))).toMatch(/adapters/);
    expect(violation(edge("docs-ui", "../errors/index.js", "errors"))).toMatch(/only internal/);
    expect(violation(edge("client", "../app/app.js", "app", true))).toBeNull();
    expect(violation(edge("client", "../app/app.js", "app"))).toMatch(/only internal/);
    expect(violation(edge("app", "../params/extract.js", "params"))).toBeNull();
  });
});

describe("docs/architecture.md", () => {
  it("lists every layered folder with the layer the tests enforce", () => {
    const page = readFileSync(join(root, "docs", "architecture.md"), "utf8");
    // | `app/` | 7 | ... |
    const rows = [...page.matchAll(/^\|\s*`([a-z-]+)\/`\s*\|\s*(\d+)\s*\|/gm)];
    const listed = Object.fromEntries(rows.map((row) => [row[1]!, Number(row[2])]));
    expect(listed).toEqual(LAYERS);
  });
});
