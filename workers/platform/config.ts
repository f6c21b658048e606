import { z } from "zod";

const ConfigSchema = z.object({
  ENVIRONMENT: z.string().min(1),
  DEMO_MODE: z.enum(["true", "false"]).default("false"),
  SHED_MODE: z.enum(["auto", "on"]).default("auto"),
  SHED_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(200),
  /** The address mails are sent from, on a domain onboarded to Email Service for sending. */
  MAIL_FROM: z.email("MAIL_FROM must be an email address on the store's sending domain").default("orders@bazaar-edge.example"),
  /** The store's public origin: a mail's link is a path on this site, made absolute with it. */
  SITE_ORIGIN: z
    .url({ protocol: /^https?$/, error: "SITE_ORIGIN must be the store's origin, such as https://shop.example.in" })
    .transform((u) => new URL(u).origin)
    .default("https://bazaar-edge.example"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters (wrangler secret put SESSION_SECRET)"),
  TICKET_SECRET: z.string().min(32, "TICKET_SECRET must be at least 32 characters (wrangler secret put TICKET_SECRET)"),
  PSP_WEBHOOK_SECRET: z.string().min(16, "PSP_WEBHOOK_SECRET must be at least 16 characters (wrangler secret put PSP_WEBHOOK_SECRET)"),
});

/** Plain variables and secrets, checked once. */
export type Config = z.infer<typeof ConfigSchema>;

let checked: WeakRef<object> | null = null;
let cached: Config | null = null;

/**
 * Validates vars and secrets; a missing secret is a clear startup error naming it,
 * not a mystery 500 later. The result is cached per env object.
 */
export function readConfig(env: Env): Config {
  if (cached && checked?.deref() === env) return cached;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${missing}`);
  }
  cached = parsed.data;
  checked = new WeakRef(env);
  return cached;
}
