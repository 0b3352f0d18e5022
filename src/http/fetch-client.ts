/** A client's address as `ctx.client` gives it. */
export interface ClientAddress {
  host: string;
  port: number;
}

interface BunServerLike {
  requestIP(request: Request): { address: string; port: number } | null;
}

interface DenoInfoLike {
  remoteAddr: { hostname?: string; port?: number };
}

/**
 * The client's address from what a runtime passes a fetch handler after the Request:
 * Bun's server (`server.requestIP(request)`) or Deno's info (`info.remoteAddr`); null when
 * the runtime passes neither (Workers, a hand-made Request).
 */
export function clientOf(request: Request, platform: unknown): ClientAddress | null {
  if (typeof platform !== "object" || platform === null) return null;
  if (typeof (platform as BunServerLike).requestIP === "function") {
    const ip = (platform as BunServerLike).requestIP(request);
    return ip === null ? null : { host: ip.address, port: ip.port };
  }
  const remote = (platform as Partial<DenoInfoLike>).remoteAddr;
  if (remote !== undefined && typeof remote.hostname === "string")
    return { host: remote.hostname, port: remote.port ?? 0 };
  return null;
}
