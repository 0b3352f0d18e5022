// Fastify 5 + fastify-type-provider-zod: Zod schemas compiled into route validators/serializers.

import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { StartFn } from "./types.js";

export const start: StartFn = async (build) => {
  const routes = build();
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  for (const r of routes) {
    const params = z.object({ id: z.coerce.number().pipe(r.id) });
    const querystring = z.object({
      q: r.q,
      limit: z.coerce.number().int().min(1).max(100).default(10),
    });
    const url = `${r.base}/:id`;
    if (r.body === undefined || r.response === undefined) {
      app.get(url, { schema: { params, querystring } }, async (req) => ({
        id: req.params.id,
        q: req.query.q ?? null,
        limit: req.query.limit,
      }));
    } else {
      app.post(
        url,
        { schema: { params, querystring, body: r.body, response: { 200: r.response } } },
        async (req) => ({ id: req.params.id, ...req.body }),
      );
    }
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { port: (app.server.address() as AddressInfo).port };
};
