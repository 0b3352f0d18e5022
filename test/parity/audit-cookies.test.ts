import { expect, it } from "vitest";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

/**
 * §7: Starlette writes cookies with Python's http.cookies: a value made only of
 * letters, digits and !#$%&'*+-.^_`|~: goes bare; any other value is double-quoted, with `"` and
 * `\` backslash-escaped and characters outside the printable set (and `,` `;`) as `\ooo` octal.
 */
const VALUES: [string, string][] = [
  ["plain-token_1.2~", "plain-token_1.2~"],
  ["x:y!#$%&'*+^`|", "x:y!#$%&'*+^`|"],
  ["abc==", '"abc=="'],
  ["a/b", '"a/b"'],
  ["a b", '"a b"'],
  ["(x)<y>?@[z]{w}", '"(x)<y>?@[z]{w}"'],
  ['say "hi"', '"say \\"hi\\""'],
  ["back\\slash", '"back\\\\slash"'],
  ["a,b;c", '"a\\054b\\073c"'],
  ["tab\there", '"tab\\011here"'],
  ["é", '"\\351"'],
  // past Latin-1 Python writes the raw character, which no header carries: percent-encoded
  ["日🙂", '"%E6%97%A5%F0%9F%99%82"'],
  ["", '""'],
];

function createApp(): App {
  const app = new App();
  app.get("/cookie/{index}", {}, ({ index }: { index: string }, ctx) => {
    ctx.response.setCookie("v", VALUES[Number(index)]![0]);
    return null;
  });
  app.get("/echo", {}, (_args, ctx) => ctx.cookies);
  return app;
}

describeTransports("§7 cookie values as Python's http.cookies writes them", createApp, (client) => {
  it.each(VALUES.map(([value, wire], index) => [JSON.stringify(value), wire, index] as const))(
    "the value %s is written %s",
    async (_label, wire, index) => {
      const response = await client().request("GET", `/cookie/${index}`);
      expect(response.headers.getSetCookie()).toEqual([`v=${wire}; Path=/; SameSite=lax`]);
    },
  );
});

describeTransports("§7 quoted cookie values read back", createApp, (client) => {
  it("unquotes as Starlette's cookie parser: octal and backslash escapes are decoded", async () => {
    const response = await client().request("GET", "/echo", {
      headers: { cookie: 'a="a\\054b\\073c"; b="say \\"hi\\""; c="abc=="; d=plain; e="\\351"' },
    });
    expect(await response.json()).toEqual({
      a: "a,b;c",
      b: 'say "hi"',
      c: "abc==",
      d: "plain",
      e: "é",
    });
  });
});
