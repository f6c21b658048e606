import { Hono } from "hono";
import type { AppEnv } from "../platform/context";

/** Server-rendered pages. */
export const pageRoutes = new Hono<AppEnv>();
