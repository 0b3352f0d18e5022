import type { App } from "../../src/index.js";

/** One document to check: an example app, and where it serves its `/openapi.json`. */
export interface ExampleDocument {
  /** snapshot name: `__snapshots__/<name>.json` */
  name: string;
  /** the module under examples/ and the export it comes from: "forms/login.ts#app" */
  source: string;
  load: () => Promise<App>;
  /** default "/openapi.json"; a mounted app's document is read through its parent */
  url?: string;
  /** for apps behind HTTPS-redirect and trusted-host middleware */
  baseUrl?: string;
}

/** Every example module exporting an app or an app factory, listed by hand. */
export const EXAMPLE_DOCUMENTS: ExampleDocument[] = [
  {
    name: "demo-app",
    source: "demo/app.ts#app",
    load: async () => (await import("../../examples/demo/app.js")).app,
  },
  {
    name: "client-app",
    source: "client/app.ts#app",
    load: async () => (await import("../../examples/client/app.js")).app,
  },
  {
    name: "deployment-main",
    source: "deployment/main.ts#app",
    load: async () => (await import("../../examples/deployment/main.js")).app,
  },
  {
    name: "jobs-app",
    source: "jobs/app.ts#createApp",
    load: async () => {
      const { JobQueue } = await import("../../src/index.js");
      // the queue opens on first use: building the document touches no file
      const queue = new JobQueue({ path: ":memory:" });
      return (await import("../../examples/jobs/app.js")).createApp(queue);
    },
  },
  {
    name: "dependencies-app-scoped",
    source: "dependencies/app-scoped.ts#app",
    load: async () => (await import("../../examples/dependencies/app-scoped.js")).app,
  },
  {
    name: "dependencies-basics",
    source: "dependencies/basics.ts#app",
    load: async () => (await import("../../examples/dependencies/basics.js")).app,
  },
  {
    name: "dependencies-overrides",
    source: "dependencies/overrides.ts#app",
    load: async () => (await import("../../examples/dependencies/overrides.js")).app,
  },
  {
    name: "dependencies-sub-dependencies",
    source: "dependencies/sub-dependencies.ts#app",
    load: async () => (await import("../../examples/dependencies/sub-dependencies.js")).app,
  },
  {
    name: "dependencies-yield",
    source: "dependencies/yield.ts#app",
    load: async () => (await import("../../examples/dependencies/yield.js")).app,
  },
  {
    name: "forms-login",
    source: "forms/login.ts#app",
    load: async () => (await import("../../examples/forms/login.js")).app,
  },
  {
    name: "forms-upload",
    source: "forms/upload.ts#app",
    load: async () => (await import("../../examples/forms/upload.js")).app,
  },
  {
    name: "middleware-background-tasks",
    source: "middleware/background-tasks.ts#app",
    load: async () => (await import("../../examples/middleware/background-tasks.js")).app,
  },
  {
    name: "middleware-cors",
    source: "middleware/cors.ts#app",
    load: async () => (await import("../../examples/middleware/cors.js")).app,
  },
  {
    name: "middleware-stack",
    source: "middleware/stack.ts#app",
    load: async () => (await import("../../examples/middleware/stack.js")).app,
    baseUrl: "https://example.com",
  },
  {
    name: "middleware-stack-timed",
    source: "middleware/stack.ts#timed",
    load: async () => (await import("../../examples/middleware/stack.js")).timed,
  },
  {
    name: "openapi-app",
    source: "openapi/app.ts#app",
    load: async () => (await import("../../examples/openapi/app.js")).app,
  },
  {
    name: "openapi-webhooks",
    source: "openapi/webhooks.ts#app",
    load: async () => (await import("../../examples/openapi/webhooks.js")).app,
  },
  {
    name: "performance-app",
    source: "performance/app.ts#app",
    load: async () => (await import("../../examples/performance/app.js")).app,
  },
  {
    name: "runtimes-app",
    source: "runtimes/app.ts#createApp",
    load: async () => (await import("../../examples/runtimes/app.js")).createApp(),
  },
  {
    name: "security-hardened",
    source: "security/hardened.ts#app",
    load: async () => (await import("../../examples/security/hardened.js")).app,
  },
  {
    name: "security-hardened-dev",
    source: "security/hardened.ts#createDevApp",
    load: async () => (await import("../../examples/security/hardened.js")).createDevApp({}),
  },
  {
    name: "realtime-chat",
    source: "realtime/chat.ts#app",
    load: async () => (await import("../../examples/realtime/chat.js")).app,
  },
  {
    name: "realtime-cpu",
    source: "realtime/cpu.ts#app",
    load: async () => (await import("../../examples/realtime/cpu.js")).app,
  },
  {
    name: "realtime-serving-controls",
    source: "realtime/serving-controls.ts#app",
    load: async () => (await import("../../examples/realtime/serving-controls.js")).app,
  },
  {
    name: "fastapi-port",
    source: "fastapi/port.ts#app",
    load: async () => (await import("../../examples/fastapi/port.js")).app,
  },
  {
    name: "fastapi-models",
    source: "fastapi/models.ts#app",
    load: async () => (await import("../../examples/fastapi/models.js")).app,
  },
  {
    name: "fastapi-models-pages",
    source: "fastapi/models.ts#pages",
    load: async () => (await import("../../examples/fastapi/models.js")).pages,
  },
  {
    name: "realtime-tokens",
    source: "realtime/tokens.ts#app",
    load: async () => (await import("../../examples/realtime/tokens.js")).app,
  },
  {
    name: "security-api-key",
    source: "security/api-key.ts#app",
    load: async () => (await import("../../examples/security/api-key.js")).app,
  },
  {
    name: "security-api-key-legacy",
    source: "security/api-key.ts#legacyApp",
    load: async () => (await import("../../examples/security/api-key.js")).legacyApp,
  },
  {
    name: "static-hosts",
    source: "static/hosts.ts#app",
    load: async () => (await import("../../examples/static/hosts.js")).app,
  },
  {
    name: "settings-lifespan",
    source: "settings/lifespan.ts#app",
    load: async () => (await import("../../examples/settings/lifespan.js")).app,
  },
  {
    name: "settings-settings",
    source: "settings/settings.ts#createApp",
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
    source: "static/admin.ts#createAdminApp",
    load: async () => (await import("../../examples/static/admin.js")).createAdminApp(),
  },
  {
    name: "static-app",
    source: "static/app.ts#app",
    load: async () => (await import("../../examples/static/app.js")).app,
  },
  {
    name: "static-app-mounted-admin",
    source: "static/app.ts#app",
    load: async () => (await import("../../examples/static/app.js")).app,
    url: "/admin/openapi.json",
  },
  {
    name: "tutorial-body",
    source: "tutorial/body.ts#app",
    load: async () => (await import("../../examples/tutorial/body.js")).app,
  },
  {
    name: "tutorial-cookies",
    source: "tutorial/cookies.ts#app",
    load: async () => (await import("../../examples/tutorial/cookies.js")).app,
  },
  {
    name: "tutorial-routers",
    source: "tutorial/routers.ts#app",
    load: async () => (await import("../../examples/tutorial/routers.js")).app,
  },
  {
    name: "tutorial-types",
    source: "tutorial/types.ts#app",
    load: async () => (await import("../../examples/tutorial/types.js")).app,
  },
  {
    name: "tutorial-errors",
    source: "tutorial/errors.ts#app",
    load: async () => (await import("../../examples/tutorial/errors.js")).app,
  },
  {
    name: "tutorial-headers-cookies",
    source: "tutorial/headers-cookies.ts#app",
    load: async () => (await import("../../examples/tutorial/headers-cookies.js")).app,
  },
  {
    name: "tutorial-path-params",
    source: "tutorial/path-params.ts#app",
    load: async () => (await import("../../examples/tutorial/path-params.js")).app,
  },
  {
    name: "tutorial-query-params",
    source: "tutorial/query-params.ts#app",
    load: async () => (await import("../../examples/tutorial/query-params.js")).app,
  },
  {
    name: "tutorial-responses",
    source: "tutorial/responses.ts#app",
    load: async () => (await import("../../examples/tutorial/responses.js")).app,
  },
  {
    name: "tutorial-serving",
    source: "tutorial/serving.ts#app",
    load: async () => (await import("../../examples/tutorial/serving.js")).app,
  },
  {
    name: "tutorial-streaming",
    source: "tutorial/streaming.ts#app",
    load: async () => (await import("../../examples/tutorial/streaming.js")).app,
  },
  {
    name: "tutorial-testing",
    source: "tutorial/testing.ts#app",
    load: async () => (await import("../../examples/tutorial/testing.js")).app,
  },
];
