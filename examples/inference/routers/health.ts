/** Liveness and readiness probes: no key needed. */

import { APIRouter, Depends, HTTPException } from "tailor";
import { z } from "zod";
import { getModelClient } from "../services/model-client.js";

export const router = new APIRouter({ tags: ["health"] });

// #region health
router.get("/health", { response: z.object({ status: z.literal("ok") }) }, function health() {
  return { status: "ok" as const };
});

router.get(
  "/ready",
  {
    params: { client: Depends(getModelClient) },
    response: z.object({ status: z.literal("ready"), backend: z.enum(["local", "ollama"]) }),
    responses: { 503: { description: "The model is not loaded yet" } },
  },
  function ready({ client }) {
    if (!client.ready) throw new HTTPException(503, "Model not loaded", { "Retry-After": "1" });
    return { status: "ready" as const, backend: client.backend };
  },
);
// #endregion health
