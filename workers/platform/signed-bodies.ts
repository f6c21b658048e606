// Signed bodies are checked against their bytes as sent, by their own route; the provider's fields
// are not text a shopper typed, nor a body a client of this API chose how to encode.
const SIGNED_BODIES = new Set(["/api/payments/webhook"]);

/** Whether the request at `path` carries a body signed by its sender, which the front door leaves as sent. */
export function isSignedBody(path: string): boolean {
  return SIGNED_BODIES.has(path);
}
