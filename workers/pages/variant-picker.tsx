import { specLabel } from "./format";
import type { ProductVariantDimension } from "./types";

/**
 * The product page's variant picker: per dimension the model comes in (colour, storage), a
 * labelled list of links to its other variants, the product's own value marked current. Plain
 * links, so it works without scripts, and each group is named by its dimension for screen readers.
 * A product without variants draws nothing.
 */
export function VariantPicker({ variants }: { variants: ProductVariantDimension[] | undefined }) {
  const dims = (variants ?? []).filter((d) => d.options.length > 1);
  if (dims.length === 0) return null;
  return (
    <section class="variants" id="variants" aria-label="Variants">
      {dims.map((d, i) => {
        const chosen = d.options.find((o) => o.current);
        return (
          <div class="variant-group">
            <p class="variant-name" id={`variant-${i}`}>
              {specLabel(d.name)}
              {chosen && (
                <>
                  : <strong>{chosen.value}</strong>
                </>
              )}
            </p>
            <ul class="chips" aria-labelledby={`variant-${i}`}>
              {d.options.map((o) => (
                <li>
                  <a href={`/products/${encodeURIComponent(o.product_id)}`} aria-current={o.current ? "true" : undefined}>
                    {o.value}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
