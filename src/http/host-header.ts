/** a Host header's syntax (RFC 3986 host, then an optional port): reg-name or IP literal */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::[0-9]*)?$/;

/**
 * Whether a Host header names a host (and port) and nothing else: no slash, query, fragment,
 * userinfo or space that would make a URL built from it point somewhere else.
 * @example isHostHeader("api.example.com:8443") // true; isHostHeader("evil.example/x?") // false
 */
export function isHostHeader(host: string): boolean {
  return HOST.test(host);
}
