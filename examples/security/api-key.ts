import { z } from "zod";
import {
  APIKeyHeader,
  App,
  Body,
  Depends,
  dependency,
  HTTPBearer,
  HTTPException,
  safeCompare,
} from "../../src/index.js";

export const app = new App({ title: "Inference API", version: "1.0.0" });

// #region api-key
const apiKey = new APIKeyHeader({ name: "X-API-Key", description: "Project key" });

// in production, read the key from a secret store
const SERVICE_KEY = process.env.INFERENCE_API_KEY ?? "sk-dev-only";

const verifiedKey = dependency({ key: Depends(apiKey) }, function verifiedKey({ key }) {
  if (!safeCompare(key, SERVICE_KEY)) {
    throw new HTTPException(401, "Invalid API key", { "WWW-Authenticate": "APIKey" });
  }
  return key;
});
// #endregion api-key

// #region predict
const Completion = z.object({
  prompt: z.string().min(1),
  max_tokens: z.number().int().min(1).max(4096).default(256),
});

app.post(
  "/v1/completions",
  { params: { request: Body(Completion) }, dependencies: [Depends(verifiedKey)] },
  async function createCompletion({ request }) {
    const words = request.prompt.split(/\s+/).slice(0, request.max_tokens);
    return { model: "echo-1", completion: words.reverse().join(" ") };
  },
);
// #endregion predict

// #region bearer
const bearer = new HTTPBearer({ bearerFormat: "opaque" });

const sessions = [{ token: "tok-alice", user: "alice" }];

const currentUser = dependency({ auth: Depends(bearer) }, function currentUser({ auth }) {
  // compare against every token so the time taken does not tell which one matched
  let user: string | undefined;
  for (const session of sessions) {
    if (safeCompare(auth.credentials, session.token)) user = session.user;
  }
  if (user === undefined) {
    throw new HTTPException(401, "Invalid token", { "WWW-Authenticate": "Bearer" });
  }
  return { name: user };
});

app.get("/v1/me", { params: { user: Depends(currentUser) } }, function readMe({ user }) {
  return user;
});
// #endregion bearer

// #region optional
const optionalKey = new APIKeyHeader({ name: "X-API-Key", autoError: false });

app.get("/v1/models", { params: { key: Depends(optionalKey) } }, function listModels({ key }) {
  const models = ["echo-1"];
  if (key !== null && safeCompare(key, SERVICE_KEY)) models.push("echo-2-preview");
  return { models };
});
// #endregion optional

// #region legacy
export const legacyApp = new App({ securityLegacyStatus: true });
// #endregion legacy
legacyApp.get("/v1/me", { params: { user: Depends(currentUser) } }, function readMe({ user }) {
  return user;
});
