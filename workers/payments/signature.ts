import { hmacSign, hmacVerify } from "../platform/hmac";

/** Header the provider signs webhooks in: `t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = "x-psp-signature";

/** How old a signature may be; older ones are refused even if genuine, which bounds replays of captured requests. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Signs a webhook body as the provider does. */
export async function signWebhook(secret: string, body: string, at: Date = new Date()): Promise<string> {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${await hmacSign(secret, `${t}.${body}`)}`;
}

/** True when `header` is a fresh, valid signature of `body`. */
export async function verifyWebhook(secret: string, body: string, header: string | undefined, now: Date = new Date()): Promise<boolean> {
  if (!header) return false;
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const sig = parts.get("v1");
  if (!Number.isInteger(t) || !sig) return false;
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  return hmacVerify(secret, `${t}.${body}`, sig);
}
