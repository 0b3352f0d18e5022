/** Model management, behind the admin key. */

import { APIRouter, Depends, Path } from "tailor";
import { z } from "zod";
import { getSettings } from "../core/config.js";
import { getLogger } from "../core/logging.js";
import { verifyAdminKey } from "../services/auth.js";
import { getModelClient } from "../services/model-client.js";

const ModelInfo = z
  .object({ name: z.string(), backend: z.enum(["local", "ollama", "openai"]), loaded: z.boolean() })
  .meta({ id: "ModelInfo" });

// #region admin
export const router = new APIRouter({
  prefix: "/admin",
  tags: ["admin"],
  dependencies: [Depends(verifyAdminKey)],
});

router.get(
  "/models",
  {
    params: { client: Depends(getModelClient), settings: Depends(getSettings) },
    response: z.object({ model_path: z.string(), models: z.array(ModelInfo) }),
    summary: "List the models of the engine",
  },
  async function listModels({ client, settings }) {
    return { model_path: settings.model_path, models: await client.listModels() };
  },
);

router.post(
  "/models/{name}/reload",
  {
    params: {
      name: Path(z.string().min(1).max(200)),
      client: Depends(getModelClient),
      logger: Depends(getLogger),
    },
    response: ModelInfo,
    responses: { 404: { description: "No such model" } },
    summary: "Reload a model",
  },
  async function reloadModel({ name, client, logger }, ctx) {
    const info = await client.reload(name);
    ctx.background.add(() => logger.log("INFO", "model_reloaded", { model: name }));
    return info;
  },
);
// #endregion admin
