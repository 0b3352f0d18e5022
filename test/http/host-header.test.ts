import { expect, it } from "vitest";
import { isHostHeader } from "../../src/http/host-header.js";

it("accepts host names, IP literals and ports, and refuses what would change a URL's meaning", () => {
  for (const host of [
    "api.example.com",
    "API.Example.com.:8443",
    "127.0.0.1:9",
    "[::1]:8000",
    "xn--bcher-kva.example",
  ])
    expect([host, isHostHeader(host)]).toEqual([host, true]);
  for (const host of [
    "",
    "evil.example/x",
    "evil.example?q",
    "evil.example#f",
    "u@evil.example",
    "a b",
    "a\\b",
    "[::1",
    "a:b:c",
    "h:80x",
  ])
    expect([host, isHostHeader(host)]).toEqual([host, false]);
});
