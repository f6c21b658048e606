import type { Context } from "hono";
import type { AddressScope, SavedAddress } from "../orders/saved-addresses";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";

/** A saved address as GET /api/me/addresses lists it. */
export type { SavedAddress };

/**
 * The query parameter naming the saved address checkout starts from: its `id` from the API, or
 * `new`. An id, unlike a place in the list, still names the same address after an order placed in
 * another tab has moved the list.
 */
export const ADDRESS_PARAM = "address";

/**
 * The shopper's saved addresses, or none when the API could not say: they only save typing, so
 * checkout carries on with empty fields rather than fail. `headers` name the shopper when the
 * request does not yet (a sign-in's new session). `scope` is the API's: checkout offers the
 * `recent` few, the account page lists `all` that can be removed.
 */
export async function loadSavedAddresses(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  headers?: Record<string, string>,
  scope: AddressScope = "recent",
): Promise<SavedAddress[]> {
  const path = scope === "recent" ? "/api/me/addresses" : `/api/me/addresses?scope=${scope}`;
  const res = await callApi<{ items: SavedAddress[] }>(c, fetchApi, path, { headers });
  return res.ok ? res.data.items : [];
}

/**
 * Which saved address the form starts from (its index), or null for empty fields: the one whose id
 * the query names, else the most recently used. An id no longer in the list (that address fell out
 * of it since the link was drawn) falls back to the most recent rather than to nothing, and so does
 * any other value: it is only compared with the ids, never parsed, shown or put in a link.
 */
export function chosenAddress(saved: SavedAddress[], param: string | undefined): number | null {
  if (saved.length === 0 || param === "new") return null;
  const named = saved.findIndex((a) => a.id === param);
  // Not found (-1) becomes the most recent (0).
  return Math.max(named, 0);
}

/** A saved address as the checkout form's fields. */
export function addressFields(a: SavedAddress): Record<"name" | "phone" | "line1" | "line2" | "city" | "state" | "pincode", string> {
  // The form takes the 10 digits alone; an API client may have ordered with the +91 prefix.
  const phone = a.phone.replace(/^\+91/, "");
  return { name: a.name, phone, line1: a.line1, line2: a.line2, city: a.city, state: a.state, pincode: a.pincode };
}

function summary(a: SavedAddress): string {
  return [a.name, a.line1, a.line2, `${a.city} ${a.pincode}`].filter(Boolean).join(", ");
}

/**
 * "Deliver to": each saved address (by its id) and "New address" as a link reloading checkout with
 * it filled in, so choosing works without scripts. `query` is everything else checkout was opened
 * with (a flash deal's admission among it), which each link keeps.
 */
export function DeliverToChoices(props: { saved: SavedAddress[]; chosen: number | null | undefined; query: URLSearchParams }) {
  const href = (choice: string) => {
    const query = new URLSearchParams(props.query);
    query.set(ADDRESS_PARAM, choice);
    return `/checkout?${query}`;
  };
  return (
    <div class="deliver-to">
      <p id="deliver-to">Deliver to</p>
      <ul class="chips" aria-labelledby="deliver-to">
        {props.saved.map((a, i) => (
          <li>
            <a href={href(a.id)} aria-current={props.chosen === i ? "true" : undefined}>
              {summary(a)}
            </a>
          </li>
        ))}
        <li>
          <a href={href("new")} aria-current={props.chosen === null ? "true" : undefined}>
            New address
          </a>
        </li>
      </ul>
    </div>
  );
}
