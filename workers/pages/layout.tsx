import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { Principal } from "../platform/context";

/** What each page tells the shared layout about itself. */
export interface PageProps {
  title: string;
  description?: string;
  /**
   * Extra scripts under /static/, run after the shared one. Every script is a module, so it can
   * import what the scripts share (/static/api.js), and like any module it runs once the page is parsed.
   */
  scripts?: string[];
  /** The query to keep in the header's search box. */
  query?: string;
  /**
   * Who is looking, on personal pages, so the header is right before any script runs. Left out
   * on pages shared by everyone, whose header app.js fills in.
   */
  viewer?: Principal | null;
  /** Reloads the page after this many seconds: live updates for people without scripts. */
  refreshSeconds?: number;
  /** Set when the front door is shedding optional work: the page says so and skips extras. */
  degraded?: boolean;
  /** The viewer's CSRF token for the sign-out form, on personal pages. */
  csrf?: string | null;
  children?: Child;
}

const CONSOLES = [
  ["seller", "/seller", "Seller"],
  ["deal_manager", "/deals-console", "Deals console"],
  ["ops", "/ops", "Ops"],
] as const;

/**
 * The shared document: header with search and autocomplete, navigation, cart count and account
 * links. Everything personal in it is filled in by /static/app.js, so the HTML itself is the same
 * for every visitor and can be cached at the edge.
 */
export function Layout(props: PageProps) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en-IN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · Bazaar`}</title>
          <meta name="description" content={props.description ?? "Shop India's biggest sale days at Bazaar."} />
          <meta name="theme-color" content="#0b3d91" />
          {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/app.css" />
          <script src="/static/suggestion-links.js" type="module" />
          <script src="/static/app.js" type="module" />
          {(props.scripts ?? []).map((src) => (
            <script src={`/static/${src}`} type="module" />
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href="/" aria-label="Bazaar home">
                Bazaar
              </a>
              {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for many phones' browsers */}
              <form class="search" action="/search" method="get" role="search" aria-label="Store" data-autocomplete>
                <label for="q" class="visually-hidden">
                  Search products
                </label>
                <input
                  id="q"
                  name="q"
                  type="search"
                  role="combobox"
                  value={props.query ?? ""}
                  placeholder="Search phones, shoes, brands…"
                  autocomplete="off"
                  aria-autocomplete="list"
                  aria-controls="q-suggestions"
                  aria-expanded="false"
                  maxlength={200}
                />
                <button type="submit">Search</button>
                <div id="q-suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden />
              </form>
              <nav class="account" aria-label="Account">
                <a href="/cart" class="cart-link">
                  Cart <span class="badge" data-cart-count />
                </a>
                <a href="/orders" data-signed-in hidden={!props.viewer}>
                  Orders
                </a>
                <a href="/wishlist" data-signed-in hidden={!props.viewer}>
                  Wishlist
                </a>
                <a href="/account/updates" data-signed-in data-updates-link hidden={!props.viewer}>
                  Updates <span class="badge" data-updates-unread />
                </a>
                <a href="/account" data-signed-in hidden={!props.viewer}>
                  Account
                </a>
                <span data-console-links>
                  {CONSOLES.filter(([role]) => props.viewer?.roles.includes(role)).map(([, href, label]) => (
                    <a href={href}>{label}</a>
                  ))}
                </span>
                <a href="/signin" data-signed-out hidden={!!props.viewer}>
                  Sign in
                </a>
                <form method="post" action="/signout" class="inline" data-signed-in hidden={!props.viewer}>
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </nav>
            </div>
            <nav class="site-nav" aria-label="Sections">
              <a href="/">Home</a>
              <a href="/search?q=&sort=newest">New</a>
              <a href="/deals">Deals</a>
              <a href="/#categories">Categories</a>
            </nav>
          </header>
          <div class="notice" role="status" aria-live="polite" data-notice hidden={!props.degraded}>
            {props.degraded && "We are very busy: extras like recommendations are paused. Shopping and checkout work as usual."}
          </div>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
          <footer class="site-footer">
            <p>Prices include GST. Bazaar is a demo storefront.</p>
          </footer>
        </body>
      </html>
    </>
  );
}

/**
 * The CSRF token every unsafe form carries for a signed-in visitor. Pages shared by everyone
 * render it empty and app.js fills it from the readable token cookie.
 */
export function CsrfField(props: { token?: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ""} data-csrf />;
}

/** A problem explained in words, shown in place of content the API could not give us. */
export function ErrorPanel(props: { heading: string; message: string }) {
  return (
    <section class="panel error" role="alert">
      <h1>{props.heading}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>
  );
}
