import { App, HostRouter, hostParams } from "../../src/index.js";

// #region hosts
// One server, three sites: the Host header picks the app (Starlette's Host routes).
const api = new App({ title: "API" });
api.get("/status", {}, () => ({ service: "api" }));

const tenants = new App({ title: "Tenant sites" });
tenants.get("/status", {}, (_args, ctx) => ({ service: "tenant", tenant: hostParams(ctx).tenant }));

const marketing = new App({ title: "Marketing" });
marketing.get("/status", {}, () => ({ service: "marketing" }));

export const app = new App({ title: "Hosts" });
app.get("/healthz", {}, () => ({ ok: true })); // declared before the mount: every host
app.mount(
  "/",
  new HostRouter({ default: marketing }) // any other host
    .host("api.example.com", api)
    .host("{tenant}.example.com", tenants), // hostParams(ctx).tenant
);
// #endregion hosts
