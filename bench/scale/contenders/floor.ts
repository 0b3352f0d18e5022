// FLOOR: the same schemas built, a plain node:http server answering every request, no routing.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartFn } from "./types.js";

export const start: StartFn = async (build) => {
  const routes = build();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"routes":${routes.length}}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port };
};
