// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; declared here and
// checked at runtime by `readConfig` in platform/config.ts.
declare namespace Cloudflare {
  interface Env {
    SESSION_SECRET: string;
    TICKET_SECRET: string;
    PSP_WEBHOOK_SECRET: string;
  }
}
interface Env {
  SESSION_SECRET: string;
  TICKET_SECRET: string;
  PSP_WEBHOOK_SECRET: string;
}
