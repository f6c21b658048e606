import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";

/** A bearer token for a demo account, by default the deal manager. */
export async function managerToken(baseURL: string, email = "deals@demo.test"): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/**
 * Ends every deal not yet ended, as the deal manager would from the console. The journeys share
 * one storefront, and each leaves it with no open deal, as the others expect to find it. A caller
 * signing in several times a minute passes its token: sign-ins are limited per account.
 */
export async function endOpenDeals(baseURL: string, token?: string): Promise<void> {
  token ??= await managerToken(baseURL);
  const list = await fetch(`${baseURL}/api/admin/deals?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  const { items } = (await list.json()) as { items: { id: string; status: string }[] };
  for (const { id } of items.filter((d) => d.status !== "ended")) {
    const res = await fetch(`${baseURL}/api/admin/deals/${id}/end`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }
}
