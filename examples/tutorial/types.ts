import { z } from "zod";
import { App, Body, Depends, dependency, Header, Query } from "../../src/index.js";

// #region types
const Item = z.object({
  name: z.string(),
  price: z.number(),
  tags: z.array(z.string()).default([]),
});
const currentUser = dependency(
  { key: Header(z.string(), { alias: "x-api-key" }) },
  async ({ key }) => ({
    id: key.length,
    admin: false,
  }),
);

export const app = new App();

app.put(
  "/items/{item_id}",
  {
    params: {
      item: Body(Item),
      limit: Query(z.number().int().default(10)),
      user: Depends(currentUser),
    },
    response: Item,
  },
  // No annotations: item_id is a string (an undeclared template name), item is
  // { name: string; price: number; tags: string[] }, limit a number, user { id: number; admin: boolean }.
  ({ item_id, item, limit, user }) => {
    const label: string = `${item_id}:${item.name}:${limit}:${user.id}`;
    // @ts-expect-error -- a misspelt field is a compile error
    void item.nmae;
    // @ts-expect-error -- the dependency's value has no "nope": its type flowed into the handler
    void user.nope;
    // the return value must fit the response schema's input (extra fields are filtered out)
    return { ...item, name: label };
  },
);
// #endregion types
