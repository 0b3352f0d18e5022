/** Liveness and readiness probes: no key needed. */

import { APIRouter, Depends, HTTPException } from "tailor";
import { z } from "zod";
import { getServingStats, loadOf } from "../core/concurrency.js";
import { getSettings } from "../core/config.js";
import { getModelClient } from "../services/model-client.js";

export const router = new APIRouter({ tags: ["health"] });

// #region health
// probes are never queued behind model requests, nor cut by their deadline
router.get(
  "/health",
  { response: z.object({ status: z.literal("ok") }), concurrency: null, timeout: null },
  function health() {
    return { status: "ok" as const };
  },
);

router.get(
  "/ready",
  {
    params: {
      client: Depends(getModelClient),
      servingStats: Depends(getServingStats),
      settings: Depends(getSettings),
    },
    concurrency: null,
    timeout: null,
    response: z.object({
      status: z.literal("ready"),
      backend: z.enum(["local", "ollama", "openai"]),
      running: z.number().int().meta({ description: "model requests being served" }),
      queued: z.number().int().meta({ description: "model requests waiting for a slot" }),
    }),
    responses: {
      503: {
        description:
          "The backend is not reachable or loaded yet, or every slot and queue place is taken",
      },
    },
  },
  function ready({ client, servingStats, settings }) {
    if (!client.ready) throw new HTTPException(503, "Model not loaded", { "Retry-After": "1" });
    const { running, queued, saturated } = loadOf(servingStats(), settings);
    // a load balancer sends the next request elsewhere rather than have it refused
    if (saturated) throw new HTTPException(503, "Saturated", { "Retry-After": "1" });
    return { status: "ready" as const, backend: client.backend, running, queued };
  },
);
// #endregion health
