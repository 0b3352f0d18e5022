/** API key validation: X-API-Key or Authorization: Bearer for inference, X-Admin-Key for admin. */

import { createHash } from "node:crypto";
import { APIKeyHeader, Depends, dependency, HTTPBearer, HTTPException, safeCompare } from "tailor";
import { getSettings } from "../core/config.js";

// #region api-key
export const apiKeyHeader = new APIKeyHeader({
  name: "X-API-Key",
  description: "One of the keys in API_KEYS",
  autoError: false,
});

/** what OpenAI's SDKs send: `Authorization: Bearer <key>` */
export const bearer = new HTTPBearer({
  description: "One of the keys in API_KEYS, as OpenAI clients send it",
  autoError: false,
});

export interface Caller {
  /** names the key in logs and rate limits without revealing it: `key_3f2a9c1e` */
  keyId: string;
}

export function keyIdOf(key: string): string {
  return `key_${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
}

/** the caller, when its key is one of `settings.api_keys`; 401 otherwise */
export const verifyApiKey = dependency(
  { header: Depends(apiKeyHeader), token: Depends(bearer), settings: Depends(getSettings) },
  function verifyApiKey({ header, token, settings }): Caller {
    const key = header ?? token?.credentials;
    if (key === undefined) {
      throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "APIKey" });
    }
    // compare against every key so the time taken does not tell which one matched
    let valid = false;
    for (const candidate of settings.api_keys) {
      if (safeCompare(key, candidate)) valid = true;
    }
    if (!valid) throw new HTTPException(401, "Invalid API key", { "WWW-Authenticate": "APIKey" });
    return { keyId: keyIdOf(key) };
  },
);
// #endregion api-key

export const adminKeyHeader = new APIKeyHeader({
  name: "X-Admin-Key",
  schemeName: "AdminKey",
  description: "The ADMIN_KEY setting",
});

export const verifyAdminKey = dependency(
  { key: Depends(adminKeyHeader), settings: Depends(getSettings) },
  function verifyAdminKey({ key, settings }) {
    if (!safeCompare(key, settings.admin_key)) {
      throw new HTTPException(401, "Invalid admin key", { "WWW-Authenticate": "APIKey" });
    }
  },
);
