/** Any origin would do: it only has to be one that a value naming another host cannot match. */
const PLACEHOLDER_ORIGIN = "https://local-path.invalid";

/**
 * The same-site path a redirect target stands for, or null when a browser could read it as another
 * site. Browsers drop tabs and newlines inside URLs and read `\` as `/`, so a prefix check on the
 * raw string is not enough (`/\t/evil.example` becomes `//evil.example`): the value is resolved the
 * way a browser would, and anything carrying those characters is refused outright.
 */
export function localPath(target: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being refused
  if (!target.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  // Dot segments are resolved away, so `/.//evil.example` comes out as `//evil.example`, which a
  // browser reads as another host.
  if (url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to send someone after sign-in: the path they asked for when it is on this site, else home. */
export function safeNext(next: string | undefined): string {
  return localPath(next ?? "") ?? "/";
}
