import { defineConfig } from "vitest/config";

/**
 * Browser journeys: Node-side tests driving headless Chromium against `wrangler dev`, which the
 * global setup starts on a fresh local state. They run one file at a time: they share one server.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/browser/global-setup.ts"],
    setupFiles: ["./test/browser/client-address.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
