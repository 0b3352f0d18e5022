// The app the client's runtime tests call, declared in a chain so its type carries its routes.

import {
  App,
  Body,
  Cookie,
  EventSourceResponse,
  File,
  Form,
  Header,
  HTTPException,
  Path,
  Query,
  ServerSentEvent,
} from "tailor";
import { z } from "zod";

const Item = z.object({ name: z.string().min(1), price: z.number().gt(0) });
const NotFound = z.object({ detail: z.string() });

/** Set by the event stream's generator when it is closed: the client went away or it ended. */
export const streamState = { closed: 0 };

export function createApp() {
  return new App({ logger: { error: () => undefined } })
    .get(
      "/items/{item_id}",
      {
        params: {
          item_id: Path(z.number().int()),
          q: Query(z.string().optional()),
          tags: Query(z.array(z.string()).default([])),
          x_token: Header(z.string()),
          session: Cookie(z.string().optional()),
        },
        responses: { 404: { model: NotFound } },
      },
      ({ item_id, q, tags, x_token, session }, ctx) => {
        if (item_id === 404) throw new HTTPException(404, "Item not found");
        return { item_id, q, tags, x_token, session, agent: ctx.headers["x-agent"] ?? null };
      },
    )
    .post("/items", { params: { item: Body(Item) }, response: Item, status: 201 }, ({ item }) => ({
      ...item,
      secret: "filtered out by the response schema",
    }))
    .put(
      "/carts/{cart_id}",
      { params: { cart_id: Path(z.string()), item: Body(Item), quantity: Body(z.number().int()) } },
      ({ cart_id, item, quantity }) => ({ cart_id, total: item.price * quantity }),
    )
    .delete(
      "/items/{item_id}",
      { params: { item_id: Path(z.number()) }, status: 204 },
      () => undefined,
    )
    .get("/files/{file_path:path}", {}, ({ file_path }) => ({ file_path }))
    .get("/names/{name}", {}, ({ name }) => ({ name }))
    .post(
      "/login",
      { params: { username: Form(z.string()), remember: Form(z.boolean()) } },
      (form) => form,
    )
    .post(
      "/upload",
      { params: { title: Form(z.string()), image: File() } },
      async ({ title, image }) => ({
        title,
        filename: image.filename,
        text: new TextDecoder().decode(await image.read()),
      }),
    )
    .get(
      "/tokens",
      { response: z.object({ index: z.number(), text: z.string() }) },
      async function* () {
        for (const [index, text] of ["streamed", "as", "lines"].entries()) {
          yield { index, text, hidden: true };
        }
      },
    )
    .get("/events", { params: { count: Query(z.number().int().default(3)) } }, ({ count }) => {
      return new EventSourceResponse(
        (async function* () {
          try {
            for (let index = 0; index < count; index++) {
              yield new ServerSentEvent({ data: { index }, event: "token", id: index });
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            yield new ServerSentEvent({ rawData: "[DONE]" });
          } finally {
            streamState.closed++;
          }
        })(),
      );
    })
    .get(
      "/typed-events",
      { response: z.object({ index: z.number() }), responseClass: EventSourceResponse },
      async function* () {
        yield { index: 0, hidden: true };
        yield new ServerSentEvent({ event: "last", data: { index: 1 } });
        yield new ServerSentEvent({ rawData: "[DONE]" });
      },
    )
    .get("/boom", {}, (): { never: true } => {
      throw new Error("boom");
    });
}
