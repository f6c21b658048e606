/** The ops console's pages, so each is one click from the others. */
const OPS_PAGES = [
  ["/ops/overview", "Overview"],
  ["/ops", "Orders"],
  ["/ops/reviews", "Reviews"],
  ["/ops/questions", "Questions"],
  ["/ops/help", "Help requests"],
  ["/ops/holidays", "Courier holidays"],
] as const;

export function OpsNav(props: { current: (typeof OPS_PAGES)[number][0] }) {
  return (
    <nav class="chips" aria-label="Ops console" data-ops-nav>
      {OPS_PAGES.map(([href, label]) => (
        <a href={href} aria-current={href === props.current ? "page" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
