import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "../db/schema";

/** Roles a user can hold; a seller role is bound to one seller id. */
export type Role = "shopper" | "seller" | "deal_manager" | "ops";

/** The signed-in user as the front door resolved it for this request. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  sellerId: string | null;
  sessionId: string;
  /** How the request authenticated: cookie requests are CSRF-checked, bearer requests are not. */
  via: "cookie" | "bearer";
}

/** The typed drizzle handle over D1. */
export type Db = DrizzleD1Database<typeof schema>;

/** Hono's environment for every router in the app. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Db;
    user: Principal | null;
    /** Signed guest id for shoppers without an account (cart, waiting room); read it through `knownGuestId`. */
    guestId: string | null;
    /** Whether `guestId` has been read from the cookie yet. */
    guestResolved: boolean;
    /** Whether this request minted `guestId`, so the front door must set its cookie. */
    guestMinted: boolean;
    /** Set when the front door is shedding optional work under overload. */
    degraded: boolean;
    /** The CSRF token a cookie-authenticated page must echo on unsafe requests; null otherwise. */
    csrfToken: string | null;
  };
};
