import { MAX_LINES } from "../../durable-objects/cart";
import { knownGuestId } from "./guest";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, Principal } from "../platform/context";
import { createRouter, route } from "../platform/router";
import { changePassword, signOutEverywhere } from "./account-security";
import { mergeCartAtSignIn, registerAccount, signIn, type SignedIn } from "./accounts";
import { requireUser } from "./authorize";
import { clearSessionCookies, setSessionCookies } from "./cookies";
import { knownDeviceCookie, setKnownDeviceCookie } from "./known-device";
import { revokeSessionById } from "./sessions";

/** Register, sign in, sign out and the signed-in user. */
export const accountRoutes = createRouter();

const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(["shopper", "seller", "deal_manager", "ops"])),
    seller_id: z.string().nullable(),
  })
  .openapi("Me");

const Email = z.email().max(254).openapi({ example: "shopper@demo.test" });

const RegisterBody = z
  .object({
    email: Email,
    password: z.string().min(10, "Use at least 10 characters").max(128),
    name: z.string().trim().min(1).max(100),
  })
  .strict()
  .openapi("RegisterBody");

const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(128) })
  .strict()
  .openapi("LoginBody");

const PasswordChangeBody = z
  .object({
    current_password: z.string().min(1).max(128),
    new_password: z.string().min(10, "Use at least 10 characters").max(128),
  })
  .strict()
  .refine((b) => b.new_password !== b.current_password, { path: ["new_password"], message: "is the same as the current password" })
  .openapi("PasswordChangeBody");

const SignedInBody = z
  .object({
    user: Me,
    token: z.string().openapi({ description: "Bearer token for API clients; browsers use the session cookie set alongside." }),
    expires_at: z.string().openapi({ format: "date-time" }),
    csrf_token: z.string().openapi({ description: "Echo in X-CSRF-Token on cookie-authenticated unsafe requests." }),
    cart_lines_not_merged: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({
        description:
          `Present when lines of the cart kept before signing in did not fit in the account's cart (at most ${MAX_LINES} lines): ` +
          "how many. They stay in the guest cart, and a later sign-in merges them once the account's cart has room.",
      }),
  })
  .openapi("SignedIn");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

// Tokens and personal details must never sit in a shared or browser cache.
const NO_STORE = { "cache-control": "no-store" };

function meView(user: Principal) {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, seller_id: user.sellerId };
}

async function signedInResponse(c: Context<AppEnv>, signedIn: SignedIn) {
  const notMerged = await mergeCartAtSignIn(c.env, await knownGuestId(c), signedIn.user.id, c.var.requestId);
  const csrf = await setSessionCookies(c, signedIn.token, signedIn.sessionId);
  await setKnownDeviceCookie(c, signedIn.user.id);
  return {
    user: meView(signedIn.user),
    token: signedIn.token,
    expires_at: signedIn.expiresAt,
    csrf_token: csrf,
    ...(notMerged > 0 ? { cart_lines_not_merged: notMerged } : {}),
  };
}

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/register",
    access: "public",
    tags: ["accounts"],
    summary: "Create a shopper account and sign in",
    request: { body: { content: { "application/json": { schema: RegisterBody } } } },
    responses: {
      201: {
        description: "Signed in; the session and known-device cookies are set",
        content: { "application/json": { schema: SignedInBody } },
      },
      400: problem("Invalid fields"),
      409: problem("The email already has an account"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const signedIn = await registerAccount(c.var.db, c.req.valid("json"), c.var.user?.sessionId ?? null);
    return c.json(await signedInResponse(c, signedIn), 201, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/login",
    access: "public",
    tags: ["accounts"],
    summary: "Sign in; rotates the session",
    request: { body: { content: { "application/json": { schema: LoginBody } } } },
    responses: {
      200: {
        description: "Signed in; the session and known-device cookies are set",
        content: { "application/json": { schema: SignedInBody } },
      },
      400: problem("Invalid fields"),
      401: problem("Wrong email or password"),
      429: problem(
        "Too many attempts for this account from browsers it was not signed in from before, or too many attempts from this client",
      ),
    },
  }),
  async (c) => {
    const signedIn = await signIn(c.env, c.var.db, c.req.valid("json"), c.var.user?.sessionId ?? null, knownDeviceCookie(c));
    return c.json(await signedInResponse(c, signedIn), 200, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/logout",
    access: "public",
    tags: ["accounts"],
    summary: "Sign out: revokes the session and clears the cookies",
    responses: { 204: { description: "Signed out (also when no session was open)" } },
  }),
  async (c) => {
    if (c.var.user) await revokeSessionById(c.var.db, c.var.user.sessionId);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  route({
    method: "get",
    path: "/me",
    access: "signed_in",
    tags: ["accounts"],
    summary: "The signed-in user with roles",
    responses: {
      200: { description: "The user", content: { "application/json": { schema: Me } } },
      401: problem("Not signed in"),
    },
  }),
  (c) => c.json(meView(requireUser(c.var.user)), 200, NO_STORE),
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/me/password",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Change the password; every other session of the account is signed out, this one stays",
    request: { body: { content: { "application/json": { schema: PasswordChangeBody } } } },
    responses: {
      204: { description: "Changed; other sessions ended" },
      400: problem("Invalid fields, or `current_password` is not the current password (named in `errors`)"),
      401: problem("Not signed in"),
      429: problem("Too many attempts at the current password"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    await changePassword(c.env, c.var.db, requireUser(c.var.user), { current: body.current_password, next: body.new_password });
    return c.body(null, 204, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/logout-everywhere",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Sign out on every device: ends every session of the account, this one included, and clears the cookies",
    responses: { 204: { description: "Signed out everywhere" }, 401: problem("Not signed in") },
  }),
  async (c) => {
    await signOutEverywhere(c.var.db, requireUser(c.var.user).id);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
);
