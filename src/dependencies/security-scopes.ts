import { type Dependency, DependsMarker, SpecialParam } from "./dependency.js";

/** What a `SecurityScopes()` param receives: the scopes required on the way to its dependency. */
export interface SecurityScopesValue {
  /** every scope the `Security(…)` markers from the route down to this dependency asked for */
  readonly scopes: readonly string[];
  /** the scopes joined with spaces, ready for a `WWW-Authenticate: Bearer scope="…"` header */
  readonly scopeStr: string;
}

/**
 * The `SecurityScopes()` param. Its value is fixed when the route compiles (it depends only on
 * the path through the graph), so the per-request resolver is never called.
 */
export class SecurityScopesParam extends SpecialParam<SecurityScopesValue> {
  constructor() {
    super("SecurityScopes", () => securityScopesValue([]));
  }
}

export function securityScopesValue(scopes: readonly string[]): SecurityScopesValue {
  return Object.freeze({ scopes: Object.freeze([...scopes]), scopeStr: scopes.join(" ") });
}

export interface SecurityOptions {
  /** scopes this use of the dependency requires, added to those of the routes' path to it */
  scopes?: readonly string[];
  /** default true: reuse a value already resolved in this request for the same scopes */
  useCache?: boolean;
}

/**
 * Like `Depends`, and also requires OAuth2 scopes: every dependency below it sees them (and
 * those required above it) through a `SecurityScopes()` param.
 *
 * @example
 * app.get("/items", { params: { user: Security(currentUser, { scopes: ["items:read"] }) } }, ({ user }) => user.items);
 */
export function Security<TDependency extends Dependency<any, any>>(
  dep: TDependency,
  options: SecurityOptions = {},
): DependsMarker<TDependency> {
  return new DependsMarker(dep, options.useCache ?? true, [...(options.scopes ?? [])]);
}

/**
 * Injects the security scopes required along the path from the route to this dependency.
 *
 * @example
 * const currentUser = dependency({ scopes: SecurityScopes(), token: Depends(oauth2) },
 *   ({ scopes, token }) => checkScopes(token, scopes.scopes));
 */
export function SecurityScopes(): SecurityScopesParam {
  return new SecurityScopesParam();
}
