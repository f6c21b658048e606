import { localPath } from "./local-path";

/** The script that records product views and fills the row in. */
export const RECENTLY_VIEWED_SCRIPT = "recently-viewed.js";

/**
 * The "Recently viewed" row, drawn empty and hidden: what a shopper viewed is kept in their own
 * browser, and the pages showing the row are one shared copy at the edge, so recently-viewed.js
 * fills it in and shows it. Without scripts it never shows.
 */
export function RecentlyViewed() {
  return (
    <section class="recently-viewed" aria-labelledby="recent-h" data-recently-viewed hidden>
      <div class="row-head">
        <h2 id="recent-h">Recently viewed</h2>
        <button type="button" class="link" data-recent-clear>
          Clear<span class="visually-hidden"> recently viewed</span>
        </button>
      </div>
      <ul class="grid" data-recent-items />
    </section>
  );
}

/**
 * What a product page tells recently-viewed.js to keep of the product shown, as attributes of its
 * article (which carries the id): its title, its picture when it is on this site, its brand. Never
 * its price, which moves during a sale.
 */
export function recordViewed(p: { title: string; image?: string | null; brand?: string | null }): Record<string, string> {
  const image = p.image ? localPath(p.image) : null;
  return {
    "data-record-viewed": "",
    "data-title": p.title,
    ...(image ? { "data-image": image } : {}),
    ...(p.brand ? { "data-brand": p.brand } : {}),
  };
}
