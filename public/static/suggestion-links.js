// Where each search suggestion leads. Apart from app.js so the rule can be tested on its own;
// it publishes itself on the page's global object, where app.js and the tests read it.
(() => {
  const search = (params) => `/search?${new URLSearchParams(params)}`;

  /**
   * The page a suggestion opens. The API's ref is the product id, the category slug or the
   * brand's exact name; a suggestion without one is searched for by its words.
   */
  const suggestionHref = (s) => {
    const ref = typeof s.ref === "string" && s.ref ? s.ref : null;
    if (s.kind === "product" && ref) return `/products/${encodeURIComponent(ref)}`;
    if (s.kind === "category" && ref) return `/categories/${encodeURIComponent(ref)}`;
    if (s.kind === "brand" && ref) return search({ brand: ref });
    return search({ q: s.text });
  };

  /** The suggestions of a GET /api/autocomplete answer, each with the page it opens. */
  const suggestionLinks = (data) =>
    (Array.isArray(data?.suggestions) ? data.suggestions : [])
      .filter((s) => s && typeof s.text === "string" && s.text)
      .slice(0, 10)
      .map((s) => ({ kind: s.kind, text: s.text, href: suggestionHref(s) }));

  globalThis.bazaarSuggestions = { suggestionHref, suggestionLinks };
})();
