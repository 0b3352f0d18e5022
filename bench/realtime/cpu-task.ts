// The CPU-heavy task of bench/realtime/run.ts: SHA-256 chained `rounds` times (~0.5 s).
import { createHash } from "node:crypto";

export default function chainHashes(rounds: number): string {
  let digest = "seed";
  for (let i = 0; i < rounds; i++) digest = createHash("sha256").update(digest).digest("hex");
  return digest;
}
