import { exports } from "cloudflare:workers";
import { newId } from "../../platform/ids";
import { nowIso } from "../../platform/time";
import type { ProviderStatus } from "../provider";
import { SIGNATURE_HEADER, signWebhook } from "../signature";
import type { SandboxSettings } from "./settings";

/** The provider's webhook body: one event about one payment. */
export interface WebhookEvent {
  id: string;
  type: "payment.authorized" | "payment.declined";
  created_at: string;
  data: { ref: string; merchant_ref: string; status: ProviderStatus; amount: number };
}

/** Builds the event announcing a hosted-page outcome. */
export function outcomeEvent(data: WebhookEvent["data"]): WebhookEvent {
  return {
    id: newId("evt"),
    type: data.status === "authorized" ? "payment.authorized" : "payment.declined",
    created_at: nowIso(),
    data,
  };
}

async function deliverOnce(origin: string, secret: string, event: WebhookEvent): Promise<number> {
  const body = JSON.stringify(event);
  // The sandbox calls the storefront's public webhook route through the Worker's own entrypoint,
  // exactly as a provider would over the internet: signature, routing and all.
  const res = await exports.default.fetch(
    new Request(`${origin}/api/payments/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: await signWebhook(secret, body) },
      body,
    }),
  );
  await res.body?.cancel();
  return res.status;
}

/**
 * Delivers an event, with the injected faults: a delay before the first send (late webhooks)
 * and extra copies of the same event (duplicates). Resolves once every copy was attempted.
 */
export async function deliverWebhook(origin: string, secret: string, event: WebhookEvent, settings: SandboxSettings): Promise<void> {
  if (settings.webhookDelayMs > 0) await scheduler.wait(settings.webhookDelayMs);
  for (let i = 0; i <= settings.duplicateWebhooks; i++) {
    const status = await deliverOnce(origin, secret, event);
    if (status >= 300) console.error(JSON.stringify({ level: "warn", message: "webhook refused", event: event.id, status }));
  }
}
