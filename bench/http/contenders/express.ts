// Express 5 with Zod 4: schemas parsed per request, response filtered by parsing the output model.
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const API_KEY = "secret";

const ItemParams = z.object({ item_id: z.coerce.number().int() });
const ItemQuery = z.object({
  q: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
const Item = z.object({
  name: z.string().min(1),
  price: z.number().gt(0),
  tags: z.array(z.string()),
  dimensions: z.object({ width: z.number(), height: z.number() }),
  in_stock: z.boolean(),
  sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
});

const app = express();
app.disable("x-powered-by");
app.disable("etag");
app.use(express.json());

function invalid(res: Response, error: z.ZodError): void {
  res.status(422).json({ detail: error.issues });
}

app.get("/hello", (_req, res) => {
  res.json({ message: "hello" });
});

app.get("/items/:item_id", (req, res) => {
  const params = ItemParams.safeParse(req.params);
  if (!params.success) return invalid(res, params.error);
  const query = ItemQuery.safeParse(req.query);
  if (!query.success) return invalid(res, query.error);
  const { q, limit } = query.data;
  res.json({ item_id: params.data.item_id, q: q ?? null, limit });
});

app.post("/items", (req, res) => {
  const body = Item.safeParse(req.body);
  if (!body.success) return invalid(res, body.error);
  const stored = { ...body.data, internal_cost: 1 };
  res.status(201).json(Item.parse(stored));
});

function checkApiKey(req: Request, res: Response, next: NextFunction): void {
  if (req.get("x-api-key") !== API_KEY) {
    res.status(401).json({ detail: "Invalid API key" });
    return;
  }
  next();
}

async function loadUser(req: Request, res: Response, next: NextFunction): Promise<void> {
  res.locals.user = await Promise.resolve({ name: "alice", key: req.get("x-api-key") });
  next();
}

app.get("/secure", checkApiKey, loadUser, (_req, res) => {
  res.json({ user: res.locals.user.name });
});

app.get("/slow", async (_req, res) => {
  await new Promise((r) => setTimeout(r, 100));
  res.json({ ok: true });
});

app.get("/sse", (_req, res) => {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
  });
  for (let i = 0; i < 50; i++) res.write(`data: ${JSON.stringify({ i })}\n\n`);
  res.end();
});

app.listen(port, "127.0.0.1");
