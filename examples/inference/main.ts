/** The AI inference service with the settings of the environment: `tailor run examples/inference/main.ts`. */

import { createApp } from "./app.js";

export { type AppParts, createApp } from "./app.js";

// tests build their own with createApp(settings): importing app.ts reads no environment
export const app = createApp();
