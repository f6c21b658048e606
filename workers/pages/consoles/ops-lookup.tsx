import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, callApi } from "../api";
import { FieldError, invalidAttrs } from "../field-error";
import { type Page, PageLinks, withQuery } from "../paging";
import type { Order } from "../types";
import { OpsOrderTable } from "./ops-order-table";

/** What ops type into the lookup, as its label says. */
export const LOOKUP_LABEL = "Order id, shopper email or phone";

/** What a lookup came to: the one order its id names, a page of orders, `q` refused, or the API failing. */
export type LookupOutcome =
  | { kind: "order"; id: string }
  | { kind: "orders"; page: Page<Order> }
  | { kind: "refused"; message: string; problem: Problem }
  | { kind: "failed"; problem: Problem };

/**
 * Asks the API for the orders `typed` finds. An id that names an order is that order alone, which
 * ops want open rather than listed; a `q` the API cannot search by comes back as its own words.
 */
export async function lookUpOrders(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  typed: string,
  page: { limit: number; cursor: string | undefined },
): Promise<LookupOutcome> {
  const res = await callApi<Page<Order>>(c, fetchApi, withQuery("/api/admin/orders", { q: typed, limit: page.limit, cursor: page.cursor }));
  if (!res.ok) {
    const onQ = res.problem.status === 400 ? res.problem.errors?.find((e) => e.path === "q") : undefined;
    return onQ ? { kind: "refused", message: sentence(onQ.message), problem: res.problem } : { kind: "failed", problem: res.problem };
  }
  const only = res.data.items.length === 1 ? res.data.items[0] : undefined;
  if (only && !page.cursor && only.id.toLowerCase() === typed.trim().toLowerCase()) return { kind: "order", id: only.id };
  return { kind: "orders", page: res.data };
}

function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/**
 * The lookup box at the top of the orders page. A GET form, so it works without scripts and a
 * lookup's address can be passed to a colleague; what was typed stays in it, with why it was refused.
 */
export function LookupForm(props: { typed: string; error?: string | undefined }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for many phones' browsers
    <form method="get" action="/ops" class="row-form order-lookup" role="search" aria-label="Find orders">
      <label>
        {LOOKUP_LABEL}{" "}
        <input name="q" type="search" value={props.typed} maxlength={254} required {...invalidAttrs("q", Boolean(props.error))} />
      </label>
      <button type="submit">Find</button>
      <FieldError field="q" message={props.error} />
    </form>
  );
}

/** The orders a lookup found, newest first, in the lists' own rows with each order's status, and their pages. */
export function LookupResults(props: { typed: string; page: Page<Order>; cursor: string | undefined; csrf: string | null }) {
  const q = props.typed.trim();
  const next = props.page.next_cursor ?? null;
  return (
    <section aria-labelledby="lookup-h" data-lookup-results>
      <h2 id="lookup-h">Orders for {q}</h2>
      <p class="muted">
        Newest first. <a href="/ops">Back to the lists</a>
      </p>
      {props.page.items.length === 0 ? (
        <p class="panel">No orders match.</p>
      ) : (
        <OpsOrderTable
          orders={props.page.items}
          label={`Orders found for ${q}`}
          csrf={props.csrf}
          fields={{ q, cursor: props.cursor }}
          showStatus
        />
      )}
      <PageLinks
        next={next ? withQuery("/ops", { q, cursor: next }) : null}
        first={props.cursor ? withQuery("/ops", { q }) : null}
        label="Older orders"
      />
    </section>
  );
}
