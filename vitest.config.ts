import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm test` needs nothing but `npm ci`. Suites that need a server installed on the machine run
 * under their own scripts, which `.ci/run` calls: `*.redis.test.ts` (`npm run test:redis`, a
 * Debian redis-server).
 */
const SERVICE_SUITES = ["test/**/*.redis.test.ts"];

export default defineConfig({
  resolve: {
    // "tailor/client" first: an alias also matches the ids under it ("tailor/…")
    alias: {
      "tailor/client": fileURLToPath(new URL("./src/client/index.ts", import.meta.url)),
      tailor: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // the Docker image test runs on its own too: `npm run test:docker`
    exclude: ["**/node_modules/**", ...SERVICE_SUITES, "test/docker/**"],
    setupFiles: ["test/setup-logging.ts"],
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    testTimeout: 20_000,
  },
});
