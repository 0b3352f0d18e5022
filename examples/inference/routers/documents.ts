/** /v1/documents and /v1/search: retrieval over the documents ingested through the API. */

import { APIRouter, Depends, HTTPException, Path } from "tailor";
import { z } from "zod";
import { getSettings } from "../core/config.js";
import { rateLimit } from "../core/rate-limit.js";
import {
  DocumentIn,
  DocumentList,
  DocumentOut,
  SearchRequest,
  SearchResponse,
} from "../schemas/documents.js";
import { errorResponses, MODEL_ERRORS } from "../schemas/openai.js";
import { verifyApiKey } from "../services/auth.js";
import { getDocumentStore, ingestDocument, searchDocuments } from "../services/knowledge.js";
import { getModelClient } from "../services/model-client.js";

export const router = new APIRouter({
  tags: ["retrieval"],
  dependencies: [Depends(verifyApiKey), Depends(rateLimit)],
});

// #region documents
router.post(
  "/documents",
  {
    params: {
      document: DocumentIn,
      store: Depends(getDocumentStore),
      client: Depends(getModelClient),
      settings: Depends(getSettings),
    },
    status: 201,
    response: DocumentOut,
    responses: errorResponses(...MODEL_ERRORS, 422),
    bodyLimit: 4 * 1024 * 1024,
    summary: "Ingest a document: chunk it, embed the chunks, store them",
  },
  async function createDocument({ document, store, client, settings }, ctx) {
    return ingestDocument(store, client, settings.embedding_model, document, ctx.signal);
  },
);

router.get(
  "/documents",
  {
    params: { store: Depends(getDocumentStore) },
    response: DocumentList,
    responses: errorResponses(401, 429),
    summary: "List the ingested documents",
  },
  function listDocuments({ store }) {
    return { object: "list" as const, data: store.list() };
  },
);

router.delete(
  "/documents/{document_id}",
  {
    params: { document_id: Path(z.string().min(1).max(200)), store: Depends(getDocumentStore) },
    status: 204,
    responses: errorResponses(401, 404, 429),
    summary: "Delete a document and its chunks",
  },
  function deleteDocument({ document_id, store }) {
    if (!store.delete(document_id)) throw new HTTPException(404, "Document not found");
  },
);

router.post(
  "/search",
  {
    params: {
      request: SearchRequest,
      store: Depends(getDocumentStore),
      client: Depends(getModelClient),
      settings: Depends(getSettings),
    },
    response: SearchResponse,
    responses: errorResponses(...MODEL_ERRORS, 422),
    summary: "Find the chunks closest to a query",
  },
  async function search({ request, store, client, settings }, ctx) {
    const { query, top_k } = request;
    const model = settings.embedding_model;
    return { results: await searchDocuments(store, client, model, query, top_k, ctx.signal) };
  },
);
// #endregion documents
