import { expect, it } from "vitest";
import { App, RedirectResponse } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

/**
 * §12: RedirectResponse sends the URL through Python's quote(url, safe=":/%#?=@[]!$&'()*+,;"):
 * escapes already in the URL stay as written, other characters outside the safe set are
 * percent-encoded as UTF-8.
 */
const TARGETS: [string, string][] = [
  ["/mw-order", "/mw-order"],
  ["https://example.com/a?x=1&y=[2]#top", "https://example.com/a?x=1&y=[2]#top"],
  ["/files/a%2Fb?q=%3F%41", "/files/a%2Fb?q=%3F%41"],
  ["/bad%zz", "/bad%zz"],
  ["/a b/é?x=1 2", "/a%20b/%C3%A9?x=1%202"],
  ['/q?{a|b}^`"<>\\~', "/q?%7Ba%7Cb%7D%5E%60%22%3C%3E%5C~"],
  ["/!$&'()*+,;=:@", "/!$&'()*+,;=:@"],
];

function createApp(): App {
  const app = new App();
  app.get("/go/{index}", {}, ({ index }: { index: string }) => {
    return new RedirectResponse(TARGETS[Number(index)]![0]);
  });
  return app;
}

describeTransports("§12 RedirectResponse locations", createApp, (client) => {
  it.each(TARGETS.map(([url, location], index) => [url, location, index] as const))(
    "%s is sent as %s",
    async (_url, location, index) => {
      const response = await client().request("GET", `/go/${index}`);
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe(location);
      expect(response.headers.get("content-length")).toBe("0");
    },
  );
});
