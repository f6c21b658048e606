import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type ApiResult, callApi, answerProblem, problemMessage } from "./api";
import { sharedPage } from "./cache";
import {
  DEAL_ENDED,
  DealCountdown,
  type DealPhase,
  dealClock,
  dealPhase,
  dealTag,
  nextTags,
  nextTexts,
  pauseTags,
  Price,
  ProductThumb,
} from "./components";
import { whenIst } from "./format";
import { boughtLimitMessage, scriptRefusals } from "./hold-refusal";
import { ErrorPanel, Layout } from "./layout";
import { SaveToWishlist } from "./product";
import type { Deal } from "./types";

/**
 * Finds one deal in the public list of live and upcoming deals (the list is small and cached at
 * the edge, so on a sale day this is one cheap read that names the deal's product, listing and
 * seller too); one the list no longer has (it ended) is read on its own, so its page says so.
 */
export async function loadDeal(c: Context<AppEnv>, fetchApi: ApiFetch, id: string): Promise<ApiResult<Deal>> {
  const all = await callApi<{ items: Deal[] }>(c, fetchApi, "/api/deals", { as: "anonymous" });
  if (!all.ok) return all;
  const deal = all.data.items.find((d) => d.id === id);
  if (deal) return { ...all, data: deal };
  return callApi<Deal>(c, fetchApi, `/api/deals/${encodeURIComponent(id)}`, { as: "anonymous" });
}

/** The deal page's terms line in a phase: units, the limit, and when it opens or ends in IST. */
export function dealTerms(d: Deal, phase: DealPhase): string {
  const units = d.units ? `${d.units.toLocaleString("en-IN")} ${d.units === 1 ? "unit" : "units"} at this price. ` : "";
  const limit = d.per_user_limit ? `Limit ${d.per_user_limit} per shopper. ` : "";
  const moment = phase === "upcoming" ? `Opens ${whenIst(d.starts_at)}.` : phase === "live" ? `Ends ${whenIst(d.ends_at)}.` : "";
  return `${units}${limit}${moment}`.trimEnd();
}

/**
 * An upcoming deal's reminder: it saves the product to the shopper's wishlist, whose wishlisters
 * are told when the deal opens (see workers/wishlist/alerts.ts). Gone at the opening (app.js hides
 * it), when the waiting room is the way in and a reminder of the opening would only confuse.
 */
function RemindMe(props: { productId: string }) {
  return (
    <div class="deal-remind" data-live-hide="">
      <SaveToWishlist
        productId={props.productId}
        label="Remind me when it opens"
        savedLabel="Reminder set"
        askOnLoad={false}
        button={{ "data-live-off": "" }}
      />
      <p class="muted">We tell you in your Updates the moment it opens.</p>
    </div>
  );
}

/** The way on from a deal that can no longer be bought: the page listing the others. */
function OtherDeals(props: { hidden?: boolean }) {
  return (
    <p data-wr-elsewhere="" data-ended-show="" hidden={props.hidden}>
      <a href="/deals">See other deals</a>
    </p>
  );
}

/**
 * Registers the deal page with its waiting room. The page is the same for everyone (cached at the
 * edge for a few seconds); waiting-room.js joins the queue, shows position and wait live, and on
 * admission puts the deal in the cart and goes straight to checkout.
 */
export function registerDealPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/deals/:id", async (c) => {
    const id = c.req.param("id");
    const res = await loadDeal(c, fetchApi, id);
    if (!res.ok) {
      answerProblem(c, res.problem);
      return c.html(
        <Layout degraded={c.var.degraded} title="Deal">
          {res.problem.status === 404 ? (
            <ErrorPanel heading="Deal not found" message="There is no such deal. See the live deals on the home page." />
          ) : (
            <ErrorPanel heading="Deal" message={problemMessage(res.problem)} />
          )}
        </Layout>,
      );
    }
    const d = res.data;
    const phase = dealPhase(d);
    const title = d.product_title ?? d.title ?? "Flash deal";
    sharedPage(c, 2);
    return c.html(
      <Layout degraded={c.var.degraded} title={title} scripts={["waiting-room.js", "wishlist.js"]}>
        {/* Laid out as a product page, picture beside the details, since shoppers come to it to see what is on sale. */}
        <article
          class="product deal-page"
          data-deal-id={d.id}
          data-listing-id={d.listing_id ?? ""}
          data-wr-refusals={JSON.stringify(scriptRefusals())}
          data-wr-bought-limit={d.per_user_limit && phase !== "ended" ? boughtLimitMessage(d.per_user_limit) : undefined}
          {...dealClock(d, phase)}
        >
          <div class="gallery">
            <ProductThumb image={d.product_image} brand={d.product_brand} title={title} big />
          </div>
          <div class="details">
            <p class="tag" {...nextTags(d, phase)} {...pauseTags(phase)}>
              {dealTag(d)}
            </p>
            <h1>{title}</h1>
            <Price price={d.deal_price} mrp={d.mrp ?? d.price} size="large" />
            {d.seller_name && <p class="muted">Sold by {d.seller_name}</p>}
            <p class="muted" data-deal-terms {...nextTexts(phase, { live: dealTerms(d, "live"), ended: dealTerms(d, "ended") })}>
              {dealTerms(d, phase)}
            </p>
            <DealCountdown deal={d} phase={phase} startLabel="Opens in" />
            {d.product_id && (
              <p>
                <a href={`/products/${encodeURIComponent(d.product_id)}`}>
                  {phase === "ended" ? "See it at its price now" : "Product details"}
                </a>
              </p>
            )}
            {phase === "upcoming" && d.product_id && <RemindMe productId={d.product_id} />}
            <section class="panel waiting-room" aria-labelledby="wr-h">
              <h2 id="wr-h">Waiting room</h2>
              {phase === "ended" ? (
                <>
                  <p data-wr-message>{d.status === "sold_out" ? "Sold out: every unit of this deal has been sold." : DEAL_ENDED}</p>
                  <OtherDeals />
                </>
              ) : (
                <>
                  <p data-wr-message aria-live="polite" {...nextTexts(phase, { ended: DEAL_ENDED })}>
                    {d.status === "paused" && phase !== "upcoming"
                      ? "The deal is paused for a moment. You can still join the waiting room: shoppers in it keep their places, and we let you in when it resumes."
                      : d.status === "paused"
                        ? "The deal is paused, so it may not open at the time shown. You can still join the waiting room, and we let you in once it opens."
                        : "Join the waiting room to get a fair place in line. We let you in automatically when it is your turn."}
                  </p>
                  <p class="visually-hidden" role="status" data-wr-calm></p>
                  <dl class="wr-figures" data-wr-figures hidden>
                    <div>
                      <dt>Your place in line</dt>
                      <dd data-wr-position>—</dd>
                    </div>
                    <div>
                      <dt>Estimated wait</dt>
                      <dd data-wr-eta>—</dd>
                    </div>
                  </dl>
                  {/* A plain link, so the waiting room can be joined when scripts do not run or fail to load; waiting-room.js joins in the page instead. */}
                  <a
                    class="button primary"
                    href={`/deals/${encodeURIComponent(d.id)}/wait`}
                    data-wr-join
                    {...nextTexts(phase, { off: true })}
                  >
                    Join the waiting room
                  </a>
                  {/* Shown once the deal sells out or ends while the page is open (app.js at the end, waiting-room.js on hearing it). */}
                  <OtherDeals hidden />
                </>
              )}
            </section>
          </div>
        </article>
      </Layout>,
    );
  });
}
