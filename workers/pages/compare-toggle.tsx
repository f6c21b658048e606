/** The script that keeps what a shopper chose to compare and draws the toggles and the tray. */
export const COMPARE_SCRIPT = "compare.js";

/** A product as compare.js keeps it: what the tray and the comparison link need, and nothing read later. */
export interface ComparedProduct {
  id: string;
  title: string;
  image?: string | null;
  brand?: string | null;
}

/** A leaf category: only products of one kind are compared. */
export interface CompareKind {
  id: string;
  name: string;
}

/** The marks compare.js reads a product from, on whatever element stands for it. */
export function comparedProductAttrs(p: ComparedProduct): Record<string, string | undefined> {
  return {
    "data-product-id": p.id,
    "data-title": p.title,
    "data-image": p.image ?? undefined,
    "data-brand": p.brand ?? undefined,
  };
}

/**
 * A Compare toggle, drawn hidden and unchecked: the pages it is on are one shared copy, so
 * compare.js shows it and checks it from this browser's own list. Without scripts it never shows,
 * as there would be nowhere to keep the choice. `kind` is the leaf category, as only products of
 * one kind are compared. On a product page the script reads the product from the page's article;
 * a results card names its `product` on the toggle itself, and the checkbox's name says which of
 * the many on the page it is.
 */
export function CompareToggle(props: { kind: CompareKind; product?: ComparedProduct }) {
  const p = props.product;
  return (
    <div
      class="compare-toggle"
      data-compare-toggle
      data-kind={props.kind.id}
      data-kind-name={props.kind.name}
      {...(p ? comparedProductAttrs(p) : {})}
      hidden
    >
      <label class="compare-check">
        <input type="checkbox" data-compare-check /> Compare
        {p && <span class="visually-hidden"> {p.title}</span>}
      </label>
      <div class="compare-note" role="status" data-compare-note>
        <p data-compare-words />
        <p data-compare-choices hidden>
          <button type="button" data-compare-replace>
            Compare this instead
          </button>{" "}
          <button type="button" class="link" data-compare-keep>
            Keep my list
          </button>
        </p>
      </div>
    </div>
  );
}

/** The compare tray fixed at the bottom of the screen, drawn empty and hidden for compare.js to fill in. */
export function CompareTray() {
  return (
    <aside class="compare-tray" aria-label="Compare" data-compare-tray hidden>
      <p class="compare-tray-words" data-compare-count />
      <a class="button primary" href="/compare" data-compare-go hidden>
        Compare
      </a>
      <button type="button" class="link" data-compare-clear>
        Clear<span class="visually-hidden"> the compare list</span>
      </button>
    </aside>
  );
}
