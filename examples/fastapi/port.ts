import { z } from "zod";
import {
  APIKeyHeader,
  App,
  Depends,
  dependency,
  HTTPException,
  jsonableEncoder,
  Query,
} from "../../src/index.js";

export const app = new App({ title: "Ported", version: "1.0.0" });

// #region port
// class Item(BaseModel): name: str; price: float; tags: set[str] = set()
const Item = z.object({
  name: z.string(),
  price: z.number(),
  tags: z.array(z.string()).default([]),
});
const ItemOut = Item.omit({ price: true });

const items = new Map<number, z.infer<typeof Item>>();

// async def get_db(): db = open(); try: yield db; finally: db.close()
export const log: string[] = [];
const getDb = dependency({}, async function* getDb() {
  log.push("open");
  try {
    yield items;
  } finally {
    log.push("close");
  }
});

// api_key = APIKeyHeader(name="X-API-Key", auto_error=False)
const apiKey = new APIKeyHeader({ name: "X-API-Key", autoError: false });

// @app.put("/items/{item_id}", response_model=ItemOut, status_code=201)
app.put(
  "/items/{item_id}",
  {
    params: { item_id: z.number().int(), item: Item, db: Depends(getDb) },
    response: ItemOut,
    status: 201,
  },
  function putItem({ item_id, item, db }) {
    db.set(item_id, item);
    return item; // `price` is dropped by the response schema
  },
);

// def read_item(item_id: int, q: str | None = None, key: str | None = Depends(api_key))
app.get(
  "/items/{item_id}",
  { params: { item_id: z.number().int(), q: Query(z.string().optional()), key: Depends(apiKey) } },
  function readItem({ item_id, q, key }) {
    const item = items.get(item_id);
    if (item === undefined) throw new HTTPException(404, "Item not found");
    // key is null without the header: FastAPI's None
    return { ...item, q: q ?? null, authenticated: key !== null };
  },
);

// jsonable_encoder({"tags": {"a"}})
app.get("/encoded", {}, () => jsonableEncoder({ tags: new Set(["a"]) }));
// #endregion port
