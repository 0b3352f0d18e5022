import { createClient } from "../../src/client/index.js";
import type { NotesApp } from "./app.js";

// #region client
export async function tourOfTheClient(baseUrl: string, fetch?: (r: Request) => Promise<Response>) {
  const client = createClient<NotesApp>({ baseUrl, fetch, headers: { "x-client": "docs" } });

  // data is typed by the route's response schema: { id: number; title: string; tags: string[] }
  const { data: note } = await client.GET("/v1/notes/{note_id}", {
    params: { path: { note_id: 1 } },
  });

  // the body is typed by the Body param; `tags` has a default, so it may be left out
  const { data: created, response } = await client.POST("/v1/notes/new", {
    body: { title: "Streams as async iterables" },
  });

  // error is typed by the declared responses: `{ detail }` bodies and the 422 body
  const { error } = await client.GET("/v1/notes/{note_id}", { params: { path: { note_id: 99 } } });

  // a generator route streams JSON Lines: iterate its items as they arrive
  const words: string[] = [];
  const { data: summary } = await client.GET("/v1/notes/{note_id}/summary", {
    params: { path: { note_id: created?.id ?? 1 }, query: { words: 2 } },
  });
  for await (const token of summary ?? []) words.push(token.text);

  return { title: note?.title, created: created?.id, status: response.status, error, words };
}
// #endregion client
