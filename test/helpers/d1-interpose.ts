import { env } from "cloudflare:workers";

/**
 * The app's env whose D1 runs `meanwhile` once, at the first `.bind(arg).first()` of a query
 * `matches` picks: `before` that read answers, or `after` it and before the reader sees the row,
 * as a concurrent request landing at that moment would.
 */
export function envInterposingFirstRead(
  matches: (query: string) => boolean,
  when: "before" | "after",
  meanwhile: (arg: string) => Promise<unknown>,
): Env {
  let done = false;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop !== "prepare") {
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (query: string) => {
        const stmt = target.prepare(query);
        if (done || !matches(query)) return stmt;
        return {
          bind: (arg: string) => ({
            first: async () => {
              done = true;
              if (when === "before") await meanwhile(arg);
              const row = await stmt.bind(arg).first();
              if (when === "after") await meanwhile(arg);
              return row;
            },
          }),
        };
      };
    },
  });
  return { ...env, DB: db } as Env;
}
