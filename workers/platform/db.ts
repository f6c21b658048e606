import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import type { Db } from "./context";

// One handle per binding object. Building one walks the whole schema (drizzle's relational
// config), which profiling showed as ~15% of a cached page's CPU when done per request; the
// handle holds only the binding and that config, so sharing it across requests is safe.
const handles = new WeakMap<D1Database, Db>();

/** The drizzle handle for a D1 binding, built once per binding per isolate. */
export function createDb(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    handles.set(d1, db);
  }
  return db;
}
