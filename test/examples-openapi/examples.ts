import type { App } from "../../src/index.js";

/** One document to check: an example app, and where it serves its `/openapi.json`. */
export interface ExampleDocument {
  /** snapshot name: `__snapshots__/<name>.json` */
  name: string;
  load: () => Promise<App>;
  /** default "/openapi.json"; a mounted app's document is read through its parent */
  url?: string;
  /** for apps behind HTTPS-redirect and trusted-host middleware */
  baseUrl?: string;
}

/** Every example module exporting an app or an app factory, listed by hand. */
export const EXAMPLE_DOCUMENTS: ExampleDocument[] = [
  { name: "demo-app", load: async () => (await import("../../examples/demo/app.js")).app },
  {
    name: "dependencies-app-scoped",
    load: async () => (await import("../../examples/dependencies/app-scoped.js")).app,
  },
  {
    name: "dependencies-basics",
    load: async () => (await import("../../examples/dependencies/basics.js")).app,
  },
  {
    name: "dependencies-overrides",
    load: async () => (await import("../../examples/dependencies/overrides.js")).app,
  },
  {
    name: "dependencies-sub-dependencies",
    load: async () => (await import("../../examples/dependencies/sub-dependencies.js")).app,
  },
  {
    name: "dependencies-yield",
    load: async () => (await import("../../examples/dependencies/yield.js")).app,
  },
  { name: "forms-login", load: async () => (await import("../../examples/forms/login.js")).app },
  { name: "forms-upload", load: async () => (await import("../../examples/forms/upload.js")).app },
  {
    name: "middleware-background-tasks",
    load: async () => (await import("../../examples/middleware/background-tasks.js")).app,
  },
  {
    name: "middleware-cors",
    load: async () => (await import("../../examples/middleware/cors.js")).app,
  },
  {
    name: "middleware-stack",
    load: async () => (await import("../../examples/middleware/stack.js")).app,
    baseUrl: "https://example.com",
  },
  {
    name: "middleware-stack-timed",
    load: async () => (await import("../../examples/middleware/stack.js")).timed,
  },
  { name: "openapi-app", load: async () => (await import("../../examples/openapi/app.js")).app },
  {
    name: "security-api-key",
    load: async () => (await import("../../examples/security/api-key.js")).app,
  },
  {
    name: "security-api-key-legacy",
    load: async () => (await import("../../examples/security/api-key.js")).legacyApp,
  },
  {
    name: "settings-lifespan",
    load: async () => (await import("../../examples/settings/lifespan.js")).app,
  },
  {
    name: "settings-settings",
    load: async () => {
      const { createApp } = await import("../../examples/settings/settings.js");
      process.env.APP_MODEL_NAME = "tiny-llm";
      try {
        return createApp();
      } finally {
        delete process.env.APP_MODEL_NAME;
      }
    },
  },
  {
    name: "static-admin",
    load: async () => (await import("../../examples/static/admin.js")).createAdminApp(),
  },
  { name: "static-app", load: async () => (await import("../../examples/static/app.js")).app },
  {
    name: "static-app-mounted-admin",
    load: async () => (await import("../../examples/static/app.js")).app,
    url: "/admin/openapi.json",
  },
  {
    name: "tutorial-body",
    load: async () => (await import("../../examples/tutorial/body.js")).app,
  },
  {
    name: "tutorial-errors",
    load: async () => (await import("../../examples/tutorial/errors.js")).app,
  },
  {
    name: "tutorial-headers-cookies",
    load: async () => (await import("../../examples/tutorial/headers-cookies.js")).app,
  },
  {
    name: "tutorial-path-params",
    load: async () => (await import("../../examples/tutorial/path-params.js")).app,
  },
  {
    name: "tutorial-query-params",
    load: async () => (await import("../../examples/tutorial/query-params.js")).app,
  },
  {
    name: "tutorial-responses",
    load: async () => (await import("../../examples/tutorial/responses.js")).app,
  },
  {
    name: "tutorial-serving",
    load: async () => (await import("../../examples/tutorial/serving.js")).app,
  },
  {
    name: "tutorial-streaming",
    load: async () => (await import("../../examples/tutorial/streaming.js")).app,
  },
  {
    name: "tutorial-testing",
    load: async () => (await import("../../examples/tutorial/testing.js")).app,
  },
];
