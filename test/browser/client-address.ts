/**
 * Every browser context and every API call a journey makes from Node stands for a client of its
 * own, as a sale day's shoppers, sellers and managers are: each gets its own connecting address
 * (`CF-Connecting-IP`, which Cloudflare sets in front of a deployed Worker and `wrangler dev`
 * passes through). Without it they would all count as one address against the sign-in limit
 * (20 a minute per address), and the suite's sign-ins, not the store, would decide whether a
 * journey passes. The addresses are from the documentation range 203.0.113.0/24.
 */
let next = (process.pid % 250) + 1;

/** A connecting address no other context or call of this run is using now. */
export function clientAddress(): string {
  next = (next % 254) + 1;
  return `203.0.113.${next}`;
}

/** The browser context options that make a context one client of its own. */
export function ownClient(): { extraHTTPHeaders: Record<string, string> } {
  return { extraHTTPHeaders: { "cf-connecting-ip": clientAddress() } };
}

// Node-side calls (the demo scripts' API client, the journeys' own fetches) each as another client.
const fetchFromOneAddress = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  if (!request.headers.has("cf-connecting-ip")) request.headers.set("cf-connecting-ip", clientAddress());
  return fetchFromOneAddress(request);
};
