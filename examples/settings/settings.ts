import { z } from "zod";
import { App, defineSettings } from "../../src/index.js";

// #region settings
export const settings = defineSettings(
  z.object({
    app_name: z.string().default("Inference API"),
    model_name: z.string(),
    max_tokens: z.number().int().min(1).default(256),
    debug: z.boolean().default(false),
    allowed_origins: z.array(z.string()).default([]),
  }),
  { envFile: ".env", prefix: "APP_" },
);

export function createApp(): App {
  const config = settings(); // first call reads and validates; fails with E_SETTINGS
  const app = new App({ title: config.app_name });
  app.get("/info", {}, () => ({ model: config.model_name, max_tokens: config.max_tokens }));
  return app;
}
// #endregion settings
