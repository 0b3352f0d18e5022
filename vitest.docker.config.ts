import { defineConfig } from "vitest/config";

// `npm run test:docker`: the image test alone (scripts/docker/test.sh prepares Docker first)
export default defineConfig({
  test: {
    include: ["test/docker/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 1_200_000,
  },
});
