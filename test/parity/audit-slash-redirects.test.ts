import { expect, it } from "vitest";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

/**
 * §6 on escaped paths: Starlette routes and redirects on the decoded path, so an escaped slash
 * (`%2F`) at the end counts as the trailing slash: it is what the redirect removes.
 */
function createApp(): App {
  const app = new App();
  app.get("/slash/", {}, () => ({ slash: true }));
  app.get("/noslash", {}, () => ({ noslash: true }));
  app.get("/sp ace/", {}, () => ({ space: true }));
  return app;
}

describeTransports("§6 slash redirects of escaped paths", createApp, (client) => {
  it.each([
    ["/noslash%2F", "/noslash"],
    ["/noslash%2f?q=1", "/noslash?q=1"],
    ["/noslash/", "/noslash"],
    ["/sp%20ace", "/sp%20ace/"],
    ["/slash", "/slash/"],
  ])("%s redirects to %s", async (path, location) => {
    const response = await client().request("GET", path);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(location);
    expect(await response.text()).toBe("");
  });

  it("an escaped trailing slash is the route's own slash: 200", async () => {
    const response = await client().request("GET", "/slash%2F");
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { slash: true },
    });
  });
});
