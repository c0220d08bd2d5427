import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests and the sample round-trips do real work; keep them off the 5 s default.
    testTimeout: 60_000,
  },
});
