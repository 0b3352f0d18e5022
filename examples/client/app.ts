import { z } from "zod";
import { APIRouter, App, Body, Header, HTTPException, Path, Query } from "../../src/index.js";

// #region app
const Note = z.object({ id: z.number().int(), title: z.string(), tags: z.array(z.string()) });
const NewNote = z.object({ title: z.string().min(1), tags: z.array(z.string()).default([]) });

const notes = new Map([[1, { id: 1, title: "Typed clients", tags: ["ts"] }]]);

// Declared in a chain: each call returns the router typed with one more route.
const notesRouter = new APIRouter({ prefix: "/notes", tags: ["notes"] })
  .get(
    "/{note_id}",
    {
      params: { note_id: Path(z.number().int()), x_client: Header(z.string().optional()) },
      response: Note,
      responses: { 404: { description: "No such note" } },
    },
    function readNote({ note_id }) {
      const note = notes.get(note_id);
      if (note === undefined) throw new HTTPException(404, "Note not found");
      return note;
    },
  )
  .post("/new", { params: { note: Body(NewNote) }, response: Note, status: 201 }, ({ note }) => {
    const created = { id: notes.size + 1, ...note };
    notes.set(created.id, created);
    return created;
  })
  .get(
    "/{note_id}/summary",
    { params: { note_id: Path(z.number().int()), words: Query(z.number().int().default(3)) } },
    async function* summarize({ note_id, words }) {
      const title = notes.get(note_id)?.title ?? "";
      for (const [index, text] of title.split(" ").slice(0, words).entries()) yield { index, text };
    },
  );

export const app = new App({ title: "Notes" }).includeRouter(notesRouter, { prefix: "/v1" });

/** What the client imports: the app's type, nothing at run time. */
export type NotesApp = typeof app;
// #endregion app
