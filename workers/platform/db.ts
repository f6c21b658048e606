import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import type { Db } from "./context";

/** The drizzle handle for a D1 binding; cheap to build, so one per request. */
export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}
