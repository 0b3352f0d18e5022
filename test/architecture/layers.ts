/**
 * The layering of src/, as docs/architecture.md draws it: a folder imports only folders of lower
 * layers. The tests in this folder hold the code to it, and the page to this table.
 */
export const LAYERS: Readonly<Record<string, number>> = {
  internal: 0,
  errors: 1,
  background: 1,
  "docs-ui": 1,
  logging: 1,
  workers: 1,
  http: 2,
  routing: 2,
  schema: 2,
  params: 3,
  responses: 3,
  server: 3,
  limits: 3,
  dependencies: 4,
  security: 5,
  openapi: 5,
  websocket: 5,
  middleware: 6,
  staticfiles: 6,
  settings: 6,
  jobs: 6,
  app: 7,
  client: 8,
  testing: 8,
  cli: 9,
};

/** Folders whose run-time imports are narrower than their layer allows. */
export const VALUE_IMPORTS_ONLY_FROM: Readonly<Record<string, readonly string[]>> = {
  // the docs pages are static HTML and assets: nothing of the framework
  "docs-ui": ["internal"],
  // the typed client runs in browsers and other services: it reads the app's routes from its
  // types (`createClient<typeof app>`), never its code
  client: ["internal"],
};

/**
 * `import type` is erased from the built JavaScript, so it creates no run-time edge; it may
 * reach any lower layer, and, where listed here, a higher one.
 */
export const TYPE_IMPORTS_ALSO_FROM: Readonly<Record<string, readonly string[]>> = {
  // an access log line describes a request
  logging: ["http"],
};

/** The adapters: only these folders may import server/ (the core never does). */
export const SERVER_IMPORTED_BY: readonly string[] = ["testing", "cli"];

/** Folders that are entered through their index.ts only, from outside. */
export const FACADES: readonly string[] = ["schema"];

/** The only folder that imports the schema library. */
export const SCHEMA_LIBRARY = { module: "zod", folder: "schema" };

/** Folders above the framework's core that declare schemas with the library as an app does. */
export const SCHEMA_LIBRARY_USERS: Readonly<Record<string, string>> = {
  jobs: "its HTTP helpers declare job routes and their response models as an app would",
};

/** Files may not exceed this many lines; data tables and generated files are the exceptions. */
export const MAX_LINES = 400;

export const SIZE_EXCEPTIONS: Readonly<Record<string, string>> = {
  "test/parity/cases.ts": "a data table: every recorded FastAPI parity case, one per entry",
  "test/integration/hostile-headers.ts": "a data table: the hostile header cases, one per entry",
};

/** test/ mirrors src/; these folders test across modules instead, each for a stated reason. */
export const CROSS_CUTTING_TESTS: Readonly<Record<string, string>> = {
  architecture: "the layering and file sizes of the whole tree",
  integration: "whole apps through TestClient and a real node:http server",
  e2e: "real servers driven by real clients (a browser)",
  types: "type tests (*.test-d.ts) of inference across modules",
  parity: "behaviour recorded from FastAPI, compared case by case",
  examples: "the examples/ apps the docs pages include",
  "examples-openapi": "the OpenAPI document of every example, snapshotted",
  inference: "the showcase inference service (examples/inference)",
  docs: "the docs pages: code synced from examples, links, error codes",
  docker: "the container image, built and run",
};
