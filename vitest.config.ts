import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: [
            "test/shared/**/*.test.ts",
            "test/scripts/**/*.test.ts",
            "test/addin/**/*.test.ts",
            "test/browser/**/*.test.ts",
            "test/structure/**/*.test.ts",
            // The OpenAPI document against a linter and a validator: Node tools, so not in workerd.
            "test/contract/**/*.test.ts",
          ],
          // Property tests, the sample round-trips and the CLI do real work; keep them off the 5 s default.
          testTimeout: 60_000,
        },
      },
      {
        // Route tests inside the real Workers runtime (workerd), with the project's wrangler.jsonc.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
        test: { name: "workers", include: ["test/worker/**/*.test.ts"], testTimeout: 60_000 },
      },
    ],
  },
});
