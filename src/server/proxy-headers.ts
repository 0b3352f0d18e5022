import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { ConfigError } from "../errors/config-error.js";

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) -> "127.0.0.1" */
function plainAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The addresses whose X-Forwarded-* headers are believed, as uvicorn's `--forwarded-allow-ips`:
 * a comma-separated list of IPs and CIDR networks, or "*" for every peer.
 *
 * @example new TrustedProxies("127.0.0.1, 10.0.0.0/8").has("10.1.2.3") // true
 */
export class TrustedProxies {
  readonly all: boolean;
  // plain addresses are a string lookup; the BlockList (a native call) is for networks only
  readonly #addresses = new Set<string>();
  readonly #networks = new BlockList();
  #hasNetworks = false;

  constructor(spec: string | readonly string[]) {
    const entries = (typeof spec === "string" ? spec.split(",") : spec)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    this.all = entries.includes("*");
    for (const entry of entries) {
      if (entry === "*") continue;
      const slash = entry.indexOf("/");
      const address = plainAddress(slash === -1 ? entry : entry.slice(0, slash));
      const family = isIP(address);
      if (family === 0)
        throw new ConfigError(
          "E_SERVE_OPTION",
          "serve()",
          `forwardedAllowIps: "${entry}" is neither an IP address nor a CIDR network. Give addresses, not host names.`,
        );
      if (slash === -1) this.#addresses.add(address);
      else {
        this.#networks.addSubnet(
          address,
          Number(entry.slice(slash + 1)),
          family === 4 ? "ipv4" : "ipv6",
        );
        this.#hasNetworks = true;
      }
    }
  }

  has(address: string): boolean {
    if (this.all) return true;
    const plain = plainAddress(address);
    if (this.#addresses.has(plain)) return true;
    if (!this.#hasNetworks) return false;
    const family = isIP(plain);
    return family !== 0 && this.#networks.check(plain, family === 4 ? "ipv4" : "ipv6");
  }

  /**
   * The client in an X-Forwarded-For chain: the rightmost address that is not a trusted proxy,
   * or the leftmost when every hop is trusted (uvicorn's rule).
   */
  clientOf(forwardedFor: string): string | undefined {
    const hops = forwardedFor
      .split(",")
      .map((hop) => hop.trim())
      .filter((hop) => hop !== "");
    if (hops.length === 0) return undefined;
    if (this.all) return hops[0];
    for (let i = hops.length - 1; i >= 0; i--) if (!this.has(hops[i]!)) return hops[i];
    return hops[0];
  }
}

const SCHEMES = new Set(["http", "https", "ws", "wss"]);

/** What a trusted proxy says about the original request. */
export interface ForwardedInfo {
  scheme: string | undefined;
  client: { host: string; port: number } | undefined;
}

/**
 * Reads X-Forwarded-Proto and X-Forwarded-For when the peer is a trusted proxy; undefined
 * otherwise (the headers of an untrusted peer are ignored).
 */
export function forwardedInfo(
  req: IncomingMessage,
  trusted: TrustedProxies,
): ForwardedInfo | undefined {
  // the headers first: most requests carry neither, and then the peer is never looked up
  const proto = req.headers["x-forwarded-proto"];
  const forwardedFor = req.headers["x-forwarded-for"];
  if (proto === undefined && forwardedFor === undefined) return undefined;
  const peer = req.socket.remoteAddress;
  if (peer === undefined || !trusted.has(peer)) return undefined;
  let scheme: string | undefined;
  if (typeof proto === "string") {
    // as uvicorn: the whole value, one of four schemes; anything else is ignored
    const value = proto.trim();
    if (SCHEMES.has(value)) scheme = value;
  }
  const host = typeof forwardedFor === "string" ? trusted.clientOf(forwardedFor) : undefined;
  return { scheme, client: host === undefined ? undefined : { host, port: 0 } };
}
