import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // The payment sandbox the checkout tests pay through runs only in demo mode.
            DEMO_MODE: "true",
            // Test-only secrets; real ones come from `wrangler secret put`.
            SESSION_SECRET: "test-session-secret-0123456789abcdef0123",
            TICKET_SECRET: "test-ticket-secret-0123456789abcdef01234",
            PSP_WEBHOOK_SECRET: "test-psp-webhook-secret",
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
      exclude: ["test/browser/**"],
      setupFiles: ["./test/setup/apply-migrations.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
