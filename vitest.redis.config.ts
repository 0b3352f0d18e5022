import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The Redis job-queue suites: each starts its own Debian `redis-server` on a loopback port. */
export default defineConfig({
  resolve: {
    alias: { tailor: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.redis.test.ts"],
    testTimeout: 20_000,
  },
});
