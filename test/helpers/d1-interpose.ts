import { env } from "cloudflare:workers";

/**
 * The app's env whose D1 runs `meanwhile` once, at the first `.bind(...).<read>()` of a query
 * `matches` picks (`read` is `first` or `all`): `before` that read answers, or `after` it and
 * before the reader sees the result, as a concurrent request landing at that moment would.
 */
export function envInterposingRead(
  matches: (query: string) => boolean,
  read: "first" | "all",
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
          bind: (...args: string[]) => ({
            [read]: async () => {
              done = true;
              if (when === "before") await meanwhile(args[0] ?? "");
              const result = await (read === "first" ? stmt.bind(...args).first() : stmt.bind(...args).all());
              if (when === "after") await meanwhile(args[0] ?? "");
              return result;
            },
          }),
        };
      };
    },
  });
  return { ...env, DB: db } as Env;
}

/** `envInterposingRead` at a `.first()` read. */
export function envInterposingFirstRead(
  matches: (query: string) => boolean,
  when: "before" | "after",
  meanwhile: (arg: string) => Promise<unknown>,
): Env {
  return envInterposingRead(matches, "first", when, meanwhile);
}

/**
 * A D1 binding that runs `meanwhile` once, just before its first batch: after every read the code
 * under test made, before its write, as another request landing at that moment would.
 */
export function d1InterposingFirstBatch(d1: D1Database, meanwhile: () => Promise<unknown>): D1Database {
  let ran = false;
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (!ran) {
            ran = true;
            await meanwhile();
          }
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The app's env whose D1 fails every read of a query `matches` picks, as D1 does when a read is
 * lost on the way; every other query answers as usual.
 */
export function envFailingReads(matches: (query: string) => boolean): Env {
  const failing = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => failing(target.bind(...args));
        if (prop === "all" || prop === "first" || prop === "raw" || prop === "run") {
          return () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => (matches(query) ? failing(target.prepare(query)) : target.prepare(query));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, DB: db } as Env;
}

/** A D1 binding that pushes the SQL of every statement prepared through it onto `sql`, for tests of what a path reads. */
export function d1RecordingSql(d1: D1Database, sql: string[]): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => {
          sql.push(query);
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
