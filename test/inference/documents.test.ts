import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chunkText, splitSentences } from "../../examples/inference/services/chunking.js";
import { KEY, makeService, sseData } from "./helpers.js";

const folder = mkdtempSync(join(tmpdir(), "inference-documents-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const MANUAL = [
  "Each API key may run a limited number of requests per minute. More requests get 429 with Retry-After.",
  "The default model is mistral-7b-instruct. nomic-embed-text computes embeddings.",
  "Send your API key in the X-API-Key header or as a bearer token in the Authorization header.",
  "GET /health answers when the process runs; GET /ready once the model is loaded.",
].join("\n\n");

describe("chunking", () => {
  it("splits sentences at their end and at paragraph breaks", () => {
    expect(splitSentences("One. Two?\n\nThree\n\nFour!  Five")).toEqual([
      "One.",
      "Two?",
      "Three",
      "Four!",
      "Five",
    ]);
  });

  it("packs sentences under the size limit, repeating the last sentence in the next chunk", () => {
    const chunks = chunkText("Aaaa aaaa. Bbbb bbbb. Cccc cccc. Dddd dddd.", {
      maxChars: 25,
      overlapSentences: 1,
    });
    expect(chunks).toEqual([
      "Aaaa aaaa. Bbbb bbbb.",
      "Bbbb bbbb. Cccc cccc.",
      "Cccc cccc. Dddd dddd.",
    ]);
    expect(chunks.every((chunk) => chunk.length <= 25)).toBe(true);
  });

  it("cuts a sentence longer than the limit at whitespace", () => {
    const chunks = chunkText("word ".repeat(30).trim(), { maxChars: 20, overlapSentences: 0 });
    expect(chunks.every((chunk) => chunk.length <= 20)).toBe(true);
    expect(chunks.join(" ")).toBe("word ".repeat(30).trim());
  });
});

describe("documents and search", () => {
  it("ingests a document, lists it, finds its chunks and deletes it", async () => {
    const { client } = makeService();
    const created = await client.post("/v1/documents", {
      json: { id: "manual", title: "Service manual", text: MANUAL },
      headers: KEY,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: "manual",
      title: "Service manual",
      chunks: 1,
      embedding_model: "nomic-embed-text",
    });
    const list = await (await client.get("/v1/documents", { headers: KEY })).json();
    expect(list.data.map((document: { id: string }) => document.id)).toEqual(["manual"]);

    const search = await client.post("/v1/search", {
      json: { query: "which header carries my API key?", top_k: 2 },
      headers: KEY,
    });
    const { results } = await search.json();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ document_id: "manual", title: "Service manual", chunk: 0 });
    expect(results[0].text).toContain("X-API-Key");

    expect((await client.delete("/v1/documents/manual", { headers: KEY })).status).toBe(204);
    const missing = await client.delete("/v1/documents/manual", { headers: KEY });
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe("Document not found");
    const empty = await client.post("/v1/search", { json: { query: "API key" }, headers: KEY });
    expect((await empty.json()).results).toEqual([]);
  });

  it("ranks the closest chunk of many first", async () => {
    const { client } = makeService();
    const created = await client.post("/v1/documents", {
      json: { id: "manual", text: `${MANUAL}\n\n${"Filler sentence about nothing. ".repeat(40)}` },
      headers: KEY,
    });
    expect((await created.json()).chunks).toBeGreaterThan(1);
    const { results } = await (
      await client.post("/v1/search", {
        json: { query: "GET /ready once the model is loaded", top_k: 3 },
        headers: KEY,
      })
    ).json();
    expect(results[0].text).toContain("GET /ready");
    expect(results[0].score).toBeGreaterThanOrEqual(results.at(-1).score);
  });

  it("replaces a document ingested again under the same id", async () => {
    const { client } = makeService();
    const found: string[][] = [];
    for (const text of ["First version about cats.", "Second version about dogs."]) {
      await client.post("/v1/documents", { json: { id: "pets", text }, headers: KEY });
      // a search between the writes: what it loaded must not outlive the next write
      const { results } = await (
        await client.post("/v1/search", { json: { query: "cats dogs version" }, headers: KEY })
      ).json();
      found.push(results.map((match: { text: string }) => match.text));
    }
    expect(found).toEqual([["First version about cats."], ["Second version about dogs."]]);
  });

  it("answers 422 for an empty text or an id with a slash", async () => {
    const { client } = makeService();
    const empty = await client.post("/v1/documents", { json: { text: "" }, headers: KEY });
    expect(empty.status).toBe(422);
    const slash = await client.post("/v1/documents", {
      json: { id: "a/b", text: "x" },
      headers: KEY,
    });
    expect((await slash.json()).error.param).toBe("id");
  });

  it("keeps the documents in the SQLite file across restarts", async () => {
    const path = join(folder, "store.db");
    const first = makeService({ DATABASE_PATH: path });
    await first.client.post("/v1/documents", {
      json: { id: "kept", text: "Durable knowledge survives restarts." },
      headers: KEY,
    });
    await first.client.close();
    const second = makeService({ DATABASE_PATH: path });
    const list = await (await second.client.get("/v1/documents", { headers: KEY })).json();
    expect(list.data).toMatchObject([{ id: "kept", chunks: 1 }]);
    await second.client.close();
  });

  it("puts the closest chunks in front of a chat's prompt with use_context", async () => {
    const { client } = makeService();
    await client.post("/v1/documents", { json: { id: "manual", text: MANUAL }, headers: KEY });
    const ask = (use_context: boolean) =>
      client.post("/v1/chat", {
        json: {
          messages: [{ role: "user", content: "Where does my API key go?" }],
          use_context,
          temperature: 0,
        },
        headers: KEY,
      });
    const withContext = sseData(await (await ask(true)).text()).join("");
    const without = sseData(await (await ask(false)).text()).join("");
    // at temperature 0 the local engine repeats the prompt's words: the manual's show up
    expect(withContext).toMatch(/bearer|authorization|header/);
    expect(without).not.toMatch(/bearer|authorization|header/);
  });
});
