/**
 * Just enough of a browser to run one of public/static's page scripts inside workerd: elements
 * with attributes, dataset, a few properties and event listeners, simple attribute selectors,
 * sessionStorage and localStorage, timers that are recorded rather than run (a test fires
 * them when it wants the next round, such as a dashboard's next poll; an interval runs at every
 * round) and a clock the test sets (`now`). The scripts are modules whose
 * work is an IIFE, so importing one (under a fresh query, so it runs again) runs it against the
 * globals set here; the API helper they share (/static/api.js) calls the `fetch` set here.
 */

type Listener = (event: FakeEvent) => unknown;

// The element with keyboard focus, as `document.activeElement` gives it; null is the page itself.
let focused: FakeElement | null = null;

/** The event a listener receives; `defaultPrevented` says whether the script took over. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly type: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);

/** An element: attributes in one map, so properties, dataset and selectors all see the same values. */
export class FakeElement {
  readonly attrs = new Map<string, string>();
  readonly children: FakeElement[] = [];
  parent: FakeElement | null = null;
  textContent = "";
  hidden = false;
  disabled = false;
  private readonly listeners = new Map<string, Listener[]>();
  readonly dataset: Record<string, string>;

  constructor(
    readonly tagName: string,
    attrs: Record<string, string> = {},
    children: FakeElement[] = [],
  ) {
    for (const [k, v] of Object.entries(attrs)) this.attrs.set(k, v);
    for (const child of children) this.append(child);
    const attrsMap = this.attrs;
    this.dataset = new Proxy({} as Record<string, string>, {
      get: (_, key) => (typeof key === "string" ? attrsMap.get(`data-${kebab(key)}`) : undefined),
      set: (_, key, value) => {
        attrsMap.set(`data-${kebab(String(key))}`, String(value));
        return true;
      },
      has: (_, key) => attrsMap.has(`data-${kebab(String(key))}`),
      // So the dataset can be copied, as a script copying an element's marks to its replacement does.
      ownKeys: () =>
        [...attrsMap.keys()].filter((k) => k.startsWith("data-")).map((k) => k.slice(5).replace(/-([a-z])/g, (_, ch) => ch.toUpperCase())),
      getOwnPropertyDescriptor: (_, key) => {
        const value = typeof key === "string" ? attrsMap.get(`data-${kebab(key)}`) : undefined;
        return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: true };
      },
    });
  }

  get name(): string {
    return this.attrs.get("name") ?? "";
  }
  set name(v: string) {
    this.attrs.set("name", v);
  }
  get type(): string {
    return this.attrs.get("type") ?? "";
  }
  set type(v: string) {
    this.attrs.set("type", v);
  }
  get value(): string {
    return this.attrs.get("value") ?? "";
  }
  set value(v: string) {
    this.attrs.set("value", v);
  }
  get className(): string {
    return this.attrs.get("class") ?? "";
  }
  set className(v: string) {
    this.attrs.set("class", v);
  }

  /** Appends elements; text, as `append(strong, " ", time)` passes it, joins the element's own text. */
  append(...nodes: (FakeElement | string)[]): void {
    for (const node of nodes) {
      if (typeof node === "string") {
        this.textContent += node;
        continue;
      }
      node.parent = this;
      this.children.push(node);
    }
  }

  replaceChildren(...nodes: (FakeElement | string)[]): void {
    for (const child of this.children) child.parent = null;
    this.children.length = 0;
    this.textContent = "";
    this.append(...nodes);
  }

  replaceWith(node: FakeElement): void {
    const siblings = this.parent?.children;
    if (!siblings) return;
    node.parent = this.parent;
    siblings.splice(siblings.indexOf(this), 1, node);
    this.parent = null;
  }

  remove(): void {
    const siblings = this.parent?.children;
    if (siblings) siblings.splice(siblings.indexOf(this), 1);
    this.parent = null;
  }

  /** The nearest of this element and its ancestors matching `selector`. */
  closest(selector: string): FakeElement | null {
    for (let at: FakeElement | null = this; at; at = at.parent) if (at.matches(selector)) return at;
    return null;
  }

  /** Puts `node` right after this element, among its siblings. */
  after(node: FakeElement): void {
    const siblings = this.parent?.children;
    if (!siblings) return;
    node.parent = this.parent;
    siblings.splice(siblings.indexOf(this) + 1, 0, node);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.attrs.set(name, String(value));
  }

  removeAttribute(name: string): void {
    this.attrs.delete(name);
  }

  /** Dispatches a click; resolves to the event once every listener's promise settled. */
  focus(): void {
    focused = this;
  }

  click(): Promise<FakeEvent> {
    return this.dispatch("click");
  }

  /** Dispatches an event of `type` (an `input` or `change` as typing makes); resolves once every listener's promise settled. */
  async dispatch(type: string): Promise<FakeEvent> {
    const event = new FakeEvent(type);
    await Promise.all((this.listeners.get(type) ?? []).map((l) => l(event)));
    return event;
  }

  matches(selector: string): boolean {
    const m = /^([a-z]+)?((?:\[[^\]]+\])*)$/.exec(selector);
    if (!m) throw new Error(`selector not supported here: ${selector}`);
    if (m[1] && m[1] !== this.tagName) return false;
    for (const [, name, value] of (m[2] ?? "").matchAll(/\[([a-z-]+)(?:="([^"]*)")?\]/g)) {
      if (!name || !this.attrs.has(name)) return false;
      if (value !== undefined && this.attrs.get(name) !== value) return false;
    }
    return true;
  }

  querySelector(selector: string): FakeElement | null {
    for (const child of this.children) {
      if (child.matches(selector)) return child;
      const hit = child.querySelector(selector);
      if (hit) return hit;
    }
    return null;
  }

  querySelectorAll(selector: string): FakeElement[] {
    return this.children.flatMap((child) => [...(child.matches(selector) ? [child] : []), ...child.querySelectorAll(selector)]);
  }
}

/** Shorthand for building a page: `el("a", { href: "/x", "data-wr-join": "" }, [], "Join")`. */
export function el(tag: string, attrs: Record<string, string> = {}, children: FakeElement[] = [], text = ""): FakeElement {
  const e = new FakeElement(tag, attrs, children);
  e.textContent = text;
  return e;
}

/** What a script left behind: timers it set, where it sent the browser. */
export interface Browser {
  body: FakeElement;
  storage: Map<string, string>;
  timers: number[];
  location: { href: string; replace: (url: string) => void };
  /** What `Date.now()` answers in the script (the real clock while unset); a test moves it on. */
  now: number | null;
  /** Runs the timers set so far (not those they set in turn), then lets their work settle. */
  fireTimers: () => Promise<void>;
}

const realSetTimeout = globalThis.setTimeout;
let runs = 0;
let restore: (() => void) | null = null;

/**
 * Runs `/static/{script}` against a document whose body is `body`, with `fetch` answering the
 * script's requests; resolves once its work has settled.
 * The fake browser stays in place for the script's later clicks and replies until `closeBrowser`.
 */
export async function runScript(
  script: string,
  setup: {
    body: FakeElement;
    storage?: Record<string, string>;
    fetch?: (url: string, init?: RequestInit) => Promise<Response>;
    /** What other scripts of the page put on `window` before this one runs. */
    window?: Record<string, unknown>;
    /** The page's address; `location.replace` moves it, as a browser would. */
    href?: string;
    now?: number;
    /** `document.cookie` as the script first reads it; what it sets is read back from `document.cookie`. */
    cookie?: string;
    /** How the page was reached (`performance.getEntriesByType("navigation")[0].type`): "navigate" unless said. */
    navigation?: "navigate" | "reload" | "back_forward";
    /** The server's time the page was stamped with as it was served (its `Server-Timing` clock), as it arrives now. */
    servedAt?: number;
  },
): Promise<Browser> {
  closeBrowser();
  const g = globalThis as unknown as Record<string, unknown>;
  const storage = new Map(Object.entries(setup.storage ?? {}));
  let due: (() => unknown)[] = [];
  const intervals: (() => unknown)[] = [];
  const browser: Browser = {
    body: setup.body,
    storage,
    timers: [],
    location: {
      href: setup.href ?? "",
      replace(url: string) {
        this.href = url;
      },
    },
    now: setup.now ?? null,
    fireTimers: async () => {
      const now = [...due, ...intervals];
      due = [];
      for (const run of now) await run();
      await settle();
    },
  };
  const saved = [
    "document",
    "window",
    "sessionStorage",
    "location",
    "fetch",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "performance",
    "FormData",
  ].map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  const realNow = Date.now;
  Date.now = () => browser.now ?? realNow();
  restore = () => {
    Date.now = realNow;
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(g, k, d);
      else delete g[k];
    }
  };
  const define = (k: string, value: unknown) => Object.defineProperty(g, k, { value, configurable: true, writable: true });
  focused = null;
  define("document", {
    get activeElement() {
      return focused ?? setup.body;
    },
    querySelector: (s: string) => setup.body.querySelector(s),
    querySelectorAll: (s: string) => setup.body.querySelectorAll(s),
    createElement: (tag: string) => new FakeElement(tag),
    cookie: setup.cookie ?? "",
  });
  // One store behind both: these tests run one tab, so what a tab keeps and what the browser keeps agree.
  const webStorage = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, String(v)),
    removeItem: (k: string) => storage.delete(k),
  };
  define("window", { addEventListener: () => {}, localStorage: webStorage, ...setup.window });
  define("sessionStorage", webStorage);
  define("location", browser.location);
  define("fetch", setup.fetch ?? (() => Promise.reject(new Error("no network in this test"))));
  define("setTimeout", (run: () => unknown, ms: number) => {
    due.push(run);
    return browser.timers.push(ms);
  });
  define("clearTimeout", () => {});
  define("setInterval", (run: () => unknown) => intervals.push(run));
  // A form's fields by name, from the `value` attributes of its inputs, selects and textareas.
  define(
    "FormData",
    class {
      private readonly fields = new Map<string, string>();
      constructor(form?: FakeElement) {
        for (const input of form?.querySelectorAll("[name]") ?? [])
          this.fields.set(input.getAttribute("name") ?? "", input.getAttribute("value") ?? "");
      }
      get(name: string): string | null {
        return this.fields.get(name) ?? null;
      }
    },
  );
  // A stamped page arrives as the script starts: performance.now() counts from there on the real clock.
  const arrived = realNow();
  const served =
    setup.servedAt === undefined
      ? {}
      : { serverTiming: [{ name: "clock", description: String(setup.servedAt) }], responseStart: 0, transferSize: 4096 };
  define("performance", {
    now: () => (setup.servedAt === undefined ? Date.now() : realNow() - arrived),
    getEntriesByType: () => [{ type: setup.navigation ?? "navigate", ...served }],
  });
  define("clearInterval", () => {});
  await import(/* @vite-ignore */ `../../public/static/${script}?run=${++runs}`);
  await settle();
  return browser;
}

/** Puts the real globals back. */
export function closeBrowser(): void {
  restore?.();
  restore = null;
}

/** Lets the script's awaited calls run to the end (they answer at once in these tests). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => realSetTimeout(r, 0));
}
