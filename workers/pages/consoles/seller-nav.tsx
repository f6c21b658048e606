/** The seller console's pages, so each is one click from the other. */
const SELLER_PAGES = [
  ["/seller", "Listings and orders"],
  ["/seller/bulk", "Bulk update"],
  ["/seller/returns", "Returns"],
  ["/seller/questions", "Questions"],
  ["/seller/payments", "Payments"],
  ["/seller/feedback", "Ratings"],
  ["/seller/profile", "Profile"],
] as const;

/** The seller console's tabs; `waiting` puts the returns awaiting ops' decision on the Returns tab. */
export function SellerNav(props: { current: (typeof SELLER_PAGES)[number][0]; waiting?: number | undefined }) {
  return (
    <nav class="chips" aria-label="Seller console" data-seller-nav>
      {SELLER_PAGES.map(([href, label]) => (
        <a href={href} aria-current={href === props.current ? "page" : undefined}>
          {label}
          {href === "/seller/returns" && props.waiting ? <span data-waiting-count> ({props.waiting} waiting)</span> : null}
        </a>
      ))}
    </nav>
  );
}
