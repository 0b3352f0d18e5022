import { dependency } from "../dependencies/dependency.js";
import { Form } from "../params/form.js";
import { builtinSchemas, type StandardSchemaV1 } from "../schema/index.js";

/** What `Depends(OAuth2PasswordRequestForm)` gives the handler; wire names kept (FastAPI's). */
export interface OAuth2PasswordRequestFormValue {
  grant_type: string | null;
  username: string;
  password: string;
  /** the `scope` field split on whitespace: "read write" -> ["read", "write"] */
  scopes: string[];
  client_id: string | null;
  client_secret: string | null;
}

const GRANT_TYPE = /^password$/;

function formParams<TGrant extends StandardSchemaV1>(grantType: TGrant) {
  return {
    grant_type: Form(grantType),
    username: Form(builtinSchemas.string()),
    password: Form(builtinSchemas.string()),
    scope: Form(builtinSchemas.stringWithDefault("")),
    client_id: Form(builtinSchemas.optionalString()),
    client_secret: Form(builtinSchemas.optionalString()),
  };
}

function toValue(form: {
  grant_type?: string | undefined;
  username: string;
  password: string;
  scope: string;
  client_id?: string | undefined;
  client_secret?: string | undefined;
}): OAuth2PasswordRequestFormValue {
  return {
    grant_type: form.grant_type ?? null,
    username: form.username,
    password: form.password,
    scopes: form.scope.split(/\s+/).filter((scope) => scope !== ""),
    client_id: form.client_id ?? null,
    client_secret: form.client_secret ?? null,
  };
}

/**
 * The OAuth2 password flow's token request form (`username`, `password`, optional
 * `grant_type` matching "password", `scope`, `client_id`, `client_secret`).
 * @example
 * app.post("/token", { params: { form: Depends(OAuth2PasswordRequestForm) } }, async ({ form }) =>
 *   ({ access_token: await login(form.username, form.password), token_type: "bearer" }));
 */
export const OAuth2PasswordRequestForm = dependency(
  formParams(builtinSchemas.optionalMatching(GRANT_TYPE)),
  function OAuth2PasswordRequestForm(form): OAuth2PasswordRequestFormValue {
    return toValue(form);
  },
);

/** As `OAuth2PasswordRequestForm`, but `grant_type` is required (the spec's strict reading). */
export const OAuth2PasswordRequestFormStrict = dependency(
  formParams(builtinSchemas.matching(GRANT_TYPE)),
  function OAuth2PasswordRequestFormStrict(form): OAuth2PasswordRequestFormValue {
    return toValue(form);
  },
);
