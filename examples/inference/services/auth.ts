/** API key validation: X-API-Key for inference, X-Admin-Key for model management. */

import { APIKeyHeader, Depends, dependency, HTTPException, safeCompare } from "tailor";
import { getSettings } from "../core/config.js";

// #region api-key
export const apiKeyHeader = new APIKeyHeader({
  name: "X-API-Key",
  description: "One of the keys in API_KEYS",
});

/** the caller's key, when it is one of `settings.api_keys`; 401 otherwise */
export const verifyApiKey = dependency(
  { key: Depends(apiKeyHeader), settings: Depends(getSettings) },
  function verifyApiKey({ key, settings }) {
    // compare against every key so the time taken does not tell which one matched
    let valid = false;
    for (const candidate of settings.api_keys) {
      if (safeCompare(key, candidate)) valid = true;
    }
    if (!valid) throw new HTTPException(401, "Invalid API key", { "WWW-Authenticate": "APIKey" });
    return key;
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
