import { CategoryChips } from "./category-chips";
import { countUpTo } from "./format";
import type { Category } from "./types";

/** The same search or category without the filters the shopper set, and how many it finds (null: not asked). */
export interface Unfiltered {
  href: string;
  total: number | null;
  capped: boolean;
}

/**
 * What a results page shows where its products would be when there are none: never a dead end.
 * With filters set, the way out of them and how many results that finds; when the words or the
 * category find nothing even without filters, how to search differently, the store's categories
 * to browse instead, and the deals.
 */
export function EmptyResults(props: {
  /** The words searched, if any. */
  words?: string;
  /** The category the page is, if it is one. */
  place?: string;
  unfiltered?: Unfiltered | null;
  categories?: Category[];
}) {
  const { unfiltered } = props;
  const scope = props.words ? ` for “${props.words}”` : props.place ? ` in ${props.place}` : "";
  // Taking the filters off is the way on, unless that finds nothing either.
  if (unfiltered && unfiltered.total !== 0) {
    return (
      <p class="panel" data-no-results>
        <strong>Nothing matches these filters.</strong>{" "}
        <a href={unfiltered.href} data-without-filters>
          {unfiltered.total === null
            ? "Clear the filters"
            : `Show ${unfiltered.total === 1 ? "the 1 result" : `all ${countUpTo(unfiltered.total, unfiltered.capped)} results`}${scope} without them`}
        </a>
      </p>
    );
  }
  const others = (props.categories ?? []).filter((cat) => cat.name !== props.place);
  return (
    <div class="panel" data-no-results>
      {props.words ? (
        <>
          <p>
            <strong>
              We found nothing{scope}
              {unfiltered ? ", even without your filters" : ""}.
            </strong>
          </p>
          <p>Check the spelling, or try fewer or more general words: the kind of thing (“headphones”), or a brand.</p>
        </>
      ) : (
        <p>
          <strong>
            Nothing is for sale{scope} right now{unfiltered ? ", even without your filters" : ""}.
          </strong>
        </p>
      )}
      {others.length > 0 && (
        <nav aria-label="Browse a category">
          <p>Browse a category instead:</p>
          <CategoryChips categories={others} />
        </nav>
      )}
      <p>
        <a href="/deals">See the deals</a>
      </p>
    </div>
  );
}
