import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { whenIst } from "./format";
import { ErrorPanel, Layout } from "./layout";
import { localPath } from "./local-path";
import { cursorParam, type Page, PageLinks, withQuery } from "./paging";

/** One message as `GET /api/notifications` lists it. */
interface Update {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  created_at: string;
  /** Newer than what the shopper last saw here. */
  unread: boolean;
}

const PATH = "/account/updates";

/**
 * A message's words without the link they once ended with: alerts written before the link was kept
 * only beside the words end ": /products/…", a bare path where the subject is already the link.
 */
export function readableBody(body: string, link: string | null): string {
  const tail = link ? `: ${link}` : null;
  return tail && body.endsWith(tail) ? `${body.slice(0, -tail.length)}.` : body;
}

/** Registers the shopper's Updates page: what they were told of their orders, deals opening, price drops and saved products back in stock. */
export function registerUpdatesPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(PATH, async (c) => {
    personalPage(c);
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
    const cursor = cursorParam(c.req.query("cursor"));
    const res = await callApi<Page<Update>>(c, fetchApi, withQuery("/api/notifications", { cursor }));
    if (!res.ok) {
      // A cursor the API no longer takes (an edited link) starts over from the newest.
      if (res.problem.status === 400 && cursor) return c.redirect(PATH, 303);
      return c.html(
        <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Updates">
          <ErrorPanel heading="Updates" message={problemMessage(res.problem)} />
        </Layout>,
      );
    }
    const updates = res.data.items;
    const next = res.data.next_cursor;
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Updates">
        <h1>Updates</h1>
        <p>
          <a href="/account/notifications">Choose which alerts we email you</a>
        </p>
        {updates.length === 0 && !cursor ? (
          <p class="panel">
            Nothing yet. We tell you here when your orders move, and when a product on your <a href="/wishlist">wishlist</a> gets a deal, a
            lower price, or is back in stock.
          </p>
        ) : (
          // The page's script records the newest one shown as seen, which clears the header's badge.
          <ul class="orders" aria-label="Updates, newest first" data-updates-newest={cursor ? undefined : updates[0]?.created_at}>
            {updates.map((u) => {
              const href = u.link ? localPath(u.link) : null;
              // The first page marks what is new since the shopper last looked, as the list says.
              const fresh = !cursor && u.unread;
              return (
                <li class="order-row" data-update={u.kind} data-new={fresh ? "" : undefined}>
                  <div>
                    <p>
                      {fresh ? (
                        <span class="tag" data-tone="new">
                          New
                        </span>
                      ) : null}{" "}
                      <strong>{href ? <a href={href}>{u.subject}</a> : u.subject}</strong>
                    </p>
                    <p>{readableBody(u.body, u.link)}</p>
                  </div>
                  <time class="muted" datetime={u.created_at}>
                    {whenIst(u.created_at)}
                  </time>
                </li>
              );
            })}
          </ul>
        )}
        <PageLinks next={next ? withQuery(PATH, { cursor: next }) : null} first={cursor ? PATH : null} label="Older updates" />
      </Layout>,
    );
  });
}
