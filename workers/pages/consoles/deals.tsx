import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll, dealStatusWords } from "../components";
import { money, whenIst } from "../format";
import { Layout } from "../layout";
import { type Page, PageLinks, cursorParam, withQuery } from "../paging";
import type { Deal } from "../types";
import { AdjustDealForm, adjustChanges, adjustFormErrors, typedAdjustValues } from "./deal-adjust-form";
import type { DealAction } from "./deal-controls";
import { actionNotice, actionRefusal, DONE, renderDashboard } from "./deal-dashboard";
import {
  CHOSEN_PRODUCT_FIELD,
  CreateDealForm,
  CreateDealFormView,
  type DealFormState,
  apiFieldErrors,
  failingLabels,
  formErrors,
  refusedStock,
  typedValues,
} from "./deal-form";
import { likeForm, likeHref } from "./deal-like";
import { type OfferPick, OfferPicker } from "./deal-offer-picker";
import { consoleGuard, Flash } from "./guard";
import { type OfferSearch, findOffer, searchOffers } from "./offer-search";
import { readOfferStock } from "./offer-stock";

const count = (n: number) => n.toLocaleString("en-IN");

/**
 * A deal's units left against its units ("12 of 20"); once it has ended, what became of them
 * ("Sold 9,950 of 10,000", with the units returned to stock, and any still held when it ended
 * until they are sold or returned); a dash when the list does not know them.
 */
function UnitsLeft(props: { deal: Deal }) {
  const d = props.deal;
  if (d.units === undefined) return <>—</>;
  if (d.status === "ended" && typeof d.sold === "number" && typeof d.returned === "number") {
    const held = d.units - d.sold - d.returned;
    return (
      <>
        Sold {count(d.sold)} of {count(d.units)}
        <br />
        <span class="muted">
          {count(d.returned)} back to stock{held > 0 ? `, ${count(held)} held at the end` : ""}
        </span>
      </>
    );
  }
  if (d.remaining === null || d.remaining === undefined) return <>—</>;
  return <>{`${count(d.remaining)} of ${count(d.units)}`}</>;
}

/**
 * When a deal closes: its end time, or for one ended before it, when it was ended, with the time
 * it was to end beside it, as a deal ended early (or sold out) should not read as running on.
 */
function EndsCell(props: { deal: Deal }) {
  const d = props.deal;
  if (!d.ended_at || d.ended_at >= d.ends_at) return <>{whenIst(d.ends_at)}</>;
  return (
    <>
      Ended {whenIst(d.ended_at)}
      <br />
      <span class="muted">was to end {whenIst(d.ends_at)}</span>
    </>
  );
}

/** The link to the create form filled in like a deal, which sale days repeat slot after slot. */
function LikeLink(props: { id: string; what: string }) {
  return (
    <a href={likeHref(props.id)}>
      Create a deal like this<span class="visually-hidden"> one on {props.what}</span>
    </a>
  );
}

/** The deals, latest start first, as a manager watches them on a sale day: status and units left at a glance. */
function DealsTable(props: { deals: Deal[]; listed: boolean }) {
  if (props.deals.length === 0) {
    // A failed read says so in the flash above; only a read list with nothing on it is "no deals".
    return props.listed ? (
      <p class="panel" data-no-deals>
        No flash deals yet. <a href="#new-deal">Create the first one</a> below.
      </p>
    ) : null;
  }
  return (
    <TableScroll label="Each deal's status and units left">
      <table class="data" data-deals>
        <ColumnHeads columns={["Deal", "Status", "Deal price", "Units left", "Opens", "Ends", "Seller", "Copy"]} />
        <tbody>
          {props.deals.map((d) => (
            <tr data-deal-id={d.id}>
              <td class="words">
                <a href={`/deals-console/${encodeURIComponent(d.id)}`}>{d.product_title ?? d.title ?? d.id}</a>
              </td>
              <td class="words">{dealStatusWords(d)}</td>
              <td class="amount">{money(d.deal_price)}</td>
              <td class="amount" data-units-left>
                <UnitsLeft deal={d} />
              </td>
              <td class="words">{whenIst(d.starts_at)}</td>
              <td class="words" data-ends>
                <EndsCell deal={d} />
              </td>
              <td class="words">{d.seller_name ?? ""}</td>
              <td class="words">
                <LikeLink id={d.id} what={d.product_title ?? d.title ?? d.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const blankToUndefined = (v: string | undefined) => v || undefined;

/** The picker's query: a malformed part is ignored rather than refused, as a stale bookmark should still open the console. */
const PickQuery = z.object({
  find: z.string().trim().max(200).optional().transform(blankToUndefined).catch(undefined),
  product: z.string().trim().max(64).optional().transform(blankToUndefined).catch(undefined),
  listing: z.string().trim().max(64).optional().transform(blankToUndefined).catch(undefined),
});

/** The listings whose deal units the console shows: every offer found, and the one in the form. */
function listingsShown(search: OfferSearch | null, form: DealFormState): string[] {
  const found = search?.ok ? search.products.flatMap((p) => p.offers.map((o) => o.listing_id)) : [];
  return form.chosen ? [form.chosen.offer.listing_id, ...found] : found;
}

/** What the console draws below its deals: the picker's query, the create form, and the line above them. */
interface IndexView {
  form?: DealFormState;
  error?: string | undefined;
  notice?: string;
  /** What stands in the way of creating the form as drawn, though nothing was refused yet. */
  warning?: string | undefined;
  pick?: OfferPick;
}

/**
 * The deals table first, as a sale day is spent watching it, then the offer picker (searching
 * when asked to) and the create form, drawn as `form` says.
 */
async function renderIndex(c: Context<AppEnv>, fetchApi: ApiFetch, view: IndexView = {}) {
  const { form = {}, error, notice, warning, pick = {} } = view;
  const cursor = cursorParam(c.req.query("cursor"));
  const [res, search] = await Promise.all([
    // The admin list, not the public one: ended deals stay reachable, as their dashboards hold the final figures.
    callApi<Page<Deal>>(c, fetchApi, withQuery("/api/admin/deals", { cursor })),
    pick.find ? searchOffers(c, fetchApi, pick.find) : null,
  ]);
  const stock = await readOfferStock(c, fetchApi, listingsShown(search, form));
  // A fresh read of the picked offer's stock wins over the figure a refusal gave, being later.
  const formStock = (form.chosen && stock.get(form.chosen.offer.listing_id)) || form.stock;
  const deals = res.ok ? res.data.items : [];
  const next = res.ok && res.data.next_cursor ? withQuery("/deals-console", { cursor: res.data.next_cursor }) : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Deals console" scripts={["console.js"]}>
      <h1>Deals console</h1>
      <p>
        <a href="#new-deal">Create a flash deal</a>
      </p>
      <Flash error={res.ok ? undefined : problemMessage(res.problem)} />
      <section aria-labelledby="deals-h">
        <h2 id="deals-h">Deals</h2>
        <DealsTable deals={deals} listed={res.ok && !cursor} />
        <PageLinks next={next} first={cursor ? "/deals-console" : null} label="Older deals" />
      </section>
      {/* Creating a deal starts from the picker, which fills the form's listing. */}
      <div id="new-deal">
        {/* Why a deal was not created sits with the form it is about, where a refused form lands. */}
        <Flash ok={notice} error={error} />
        {/* Just above the picker, which the warning points the manager to. */}
        {warning && (
          <p class="panel warning" role="alert">
            {warning}
          </p>
        )}
        <OfferPicker pick={pick} search={search} stock={stock} />
        <section class="panel" aria-labelledby="new-deal-h">
          <h2 id="new-deal-h">Create a flash deal</h2>
          <CreateDealFormView csrf={c.var.csrfToken} state={{ ...form, stock: formStock }} />
        </section>
      </div>
    </Layout>,
  );
}

/**
 * The console as a GET draws it: with the form filled in like a deal (`?like=`), or with the offer
 * the query picked in the form's listing field, named beside it.
 */
async function renderPicked(c: Context<AppEnv>, fetchApi: ApiFetch) {
  const pick: OfferPick = PickQuery.parse(c.req.query());
  const like = c.req.query("like");
  if (like !== undefined) return renderLike(c, fetchApi, like, pick);
  if (!pick.product || !pick.listing) return renderIndex(c, fetchApi, { pick });
  const chosen = await findOffer(c, fetchApi, pick.product, pick.listing);
  if (!chosen)
    return renderIndex(c, fetchApi, { error: "That offer is no longer on sale. Please pick another.", pick: { find: pick.find } });
  return renderIndex(c, fetchApi, { form: { values: { listing_id: pick.listing }, chosen }, pick });
}

/**
 * The console with the create form filled in like the deal `like` names (on the offer the picker
 * picked, if one was), or empty with why it is not. The picker carries `like` on, so searching and
 * picking from a copy keep it.
 */
async function renderLike(c: Context<AppEnv>, fetchApi: ApiFetch, like: string, pick: OfferPick) {
  const picked = pick.product && pick.listing ? { product: pick.product, listing: pick.listing } : undefined;
  const copy = await likeForm(c, fetchApi, like, picked);
  if (!copy.ok) return renderIndex(c, fetchApi, { error: copy.error, pick: { find: pick.find } });
  const { form, notice, warning, error } = copy;
  return renderIndex(c, fetchApi, { form, notice, warning, error, pick: copy.picked ? { ...pick, like } : { find: pick.find, like } });
}

/** The offer a refused form was picked with, if its listing field still holds that offer. */
async function stillChosen(c: Context<AppEnv>, fetchApi: ApiFetch, body: Record<string, unknown>, listingId: string | undefined) {
  const productId = body[CHOSEN_PRODUCT_FIELD];
  if (typeof productId !== "string" || !productId || !listingId) return undefined;
  return (await findOffer(c, fetchApi, productId, listingId.trim())) ?? undefined;
}

/** The line above a refused form: which fields to fix, or the API's reason when no field is to blame. */
function refusalSummary(errors: DealFormState["errors"], otherwise: string): string {
  const labels = failingLabels(errors);
  return labels.length ? `The deal was not created. Check ${labels.join(", ")}.` : otherwise;
}

/** The line above a refused Adjust form: which fields to fix, or the reason when no field is to blame. */
function refusalOf(errors: Record<string, string | undefined> | undefined, otherwise: string): string {
  const fields = Object.keys(errors ?? {}).length;
  return fields > 0 ? `The deal was not changed. Check the ${fields === 1 ? "field" : "fields"} marked below.` : otherwise;
}

/** Registers the deal manager's console: create a deal, and a live dashboard per deal with pause, resume and end. */
export function registerDealsConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/deals-console", (c) => consoleGuard(c, "deal_manager") ?? renderPicked(c, fetchApi));

  app.post("/deals-console", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const values = typedValues(body);
    const parsed = CreateDealForm.safeParse(body);
    if (!parsed.success) {
      c.status(400);
      const errors = formErrors(parsed.error);
      const chosen = await stillChosen(c, fetchApi, body, values.listing_id);
      const summary = refusalSummary(errors, "The form was incomplete. Please fill it in again.");
      return renderIndex(c, fetchApi, { form: { values, errors, chosen }, error: summary });
    }
    const { active_users, new_users_per_minute, session_minutes, hold_minutes, idempotency_key, ...deal } = parsed.data;
    const res = await callApi<{ id: string }>(c, fetchApi, "/api/admin/deals", {
      method: "POST",
      headers: { "idempotency-key": idempotency_key },
      body: {
        ...deal,
        ...(hold_minutes === undefined ? {} : { hold_seconds: hold_minutes * 60 }),
        waiting_room: { active_users, new_users_per_minute, session_minutes },
      },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors = apiFieldErrors(res.problem);
      // A refusal of the input wrote nothing, and the corrected form is another deal: it needs a key of its own.
      // After a 429 or a server failure the deal may be half made, and only the same key finishes it.
      const uncertain = res.problem.status === 429 || res.problem.status >= 500;
      const chosen = await stillChosen(c, fetchApi, body, values.listing_id);
      const form = { values, errors, chosen, stock: refusedStock(res.problem), ...(uncertain ? { key: idempotency_key } : {}) };
      return renderIndex(c, fetchApi, { form, error: refusalSummary(errors, problemMessage(res.problem)) });
    }
    return c.redirect(`/deals-console/${encodeURIComponent(res.data.id)}?done=created`, 303);
  });

  app.get(
    "/deals-console/:id",
    (c) => consoleGuard(c, "deal_manager") ?? renderDashboard(c, fetchApi, c.req.param("id"), undefined, actionNotice(c.req.query("done"))),
  );

  app.post("/deals-console/:id/adjust", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const values = typedAdjustValues(body);
    const parsed = AdjustDealForm.safeParse(body);
    if (!parsed.success) {
      c.status(400);
      const errors = adjustFormErrors(parsed.error);
      return renderDashboard(c, fetchApi, id, refusalOf(errors, "The deal was not changed."), undefined, { values, errors });
    }
    const changes = adjustChanges(parsed.data);
    const done = Object.keys(changes).length === 0 ? "unchanged" : "adjusted";
    if (done === "adjusted") {
      const res = await callApi<Deal>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id)}`, { method: "PATCH", body: changes });
      if (!res.ok) {
        answerProblem(c, res.problem);
        const errors = apiFieldErrors(res.problem);
        const reason = `The deal was not changed. ${problemMessage(res.problem)}`;
        // A 409's fields may be ones the form no longer draws (the deal opened meanwhile): its detail names them.
        return renderDashboard(c, fetchApi, id, res.problem.status === 409 ? reason : refusalOf(errors, reason), undefined, {
          values,
          errors,
        });
      }
    }
    return c.redirect(`/deals-console/${encodeURIComponent(id)}?done=${done}`, 303);
  });

  app.post("/deals-console/:id/:action{pause|resume|end}", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const id = c.req.param("id");
    const action = c.req.param("action") as DealAction;
    const res = await callApi<Deal>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id)}/${action}`, { method: "POST", body: {} });
    if (res.ok) {
      const done = action === "resume" && res.data.status === "ended" ? "ended_on_resume" : DONE[action];
      return c.redirect(`/deals-console/${encodeURIComponent(id)}?done=${done}`, 303);
    }
    // The dashboard is drawn with the refusal and the API's status (and Retry-After), so the reason is not lost in a redirect.
    answerProblem(c, res.problem);
    return renderDashboard(c, fetchApi, id, actionRefusal(action, res.problem));
  });
}
