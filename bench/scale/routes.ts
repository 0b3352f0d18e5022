// The 1,000-route shape shared by every start-up contender. Each route gets its own schema
// objects, as a real app has: a path id, two query params and, for every even route, a 5-field
// body model and a response model.
import { z } from "zod";

export const ROUTE_COUNT = 1000;

export interface RouteSchemas {
  readonly index: number;
  /** "/r{index}/items" — each contender appends its own path-param syntax */
  readonly base: string;
  readonly method: "GET" | "POST";
  readonly id: z.ZodNumber;
  readonly q: z.ZodOptional<z.ZodString>;
  readonly limit: z.ZodDefault<z.ZodNumber>;
  readonly body?: z.ZodObject;
  readonly response?: z.ZodObject;
}

export function buildRouteSchemas(count = ROUTE_COUNT): RouteSchemas[] {
  const routes: RouteSchemas[] = [];
  for (let index = 0; index < count; index++) {
    const base = `/r${index}/items`;
    const id = z.number().int();
    const q = z.string().max(50).optional();
    const limit = z.number().int().min(1).max(100).default(10);
    if (index % 2 === 1) {
      routes.push({ index, base, method: "GET", id, q, limit });
      continue;
    }
    const body = z.object({
      name: z.string().min(1),
      price: z.number().gt(0),
      tags: z.array(z.string()),
      in_stock: z.boolean(),
      sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
    });
    const response = z.object({
      id: z.number().int(),
      name: z.string(),
      price: z.number(),
      tags: z.array(z.string()),
      in_stock: z.boolean(),
    });
    routes.push({ index, base, method: "POST", id, q, limit, body, response });
  }
  return routes;
}

/** A valid request for route `index` (the same for every contender). */
export function sampleRequest(index: number): { method: string; path: string; body?: string } {
  const path = `/r${index}/items/7?q=abc&limit=5`;
  if (index % 2 === 1) return { method: "GET", path };
  const body = { name: "x", price: 1.5, tags: ["a"], in_stock: true, sku: "ABC-1234" };
  return { method: "POST", path, body: JSON.stringify(body) };
}
