import { MAX_LINES } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { knownGuestId } from "./guest";
import { MAX_PASSWORD, MIN_PASSWORD, NewPasswordField, PASSWORD_IS_EMAIL, passwordIsEmail } from "./password-rules";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, Principal } from "../platform/context";
import { createRouter, createdHeaders, json, route } from "../platform/router";
import { changePassword, signOutEverywhere } from "./account-security";
import { mergeCartAtSignIn, openSession, registerAccount, renameAccount, signIn, type SignedIn } from "./accounts";
import { requireUser } from "./authorize";
import { clearSessionCookies, setSessionCookies } from "./cookies";
import { knownDeviceCookie, setKnownDeviceCookie } from "./known-device";
import { RESET_REQUESTED_MESSAGE, checkResetLink, requestPasswordReset, resetPassword } from "./password-reset";
import { revokeSessionById } from "./sessions";
import { AccountNameField } from "./account-name";
import { EmailField } from "./email-field";
import { deviceName } from "./device-name";
import { signOutDevice, signOutOtherDevices, signedInDevices } from "./signed-in-devices";

/** The device a session is being opened from, in its owner's words, from the request's User-Agent. */
const deviceOf = (c: Context<AppEnv>) => deviceName(c.req.header("user-agent"));

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

const Email = EmailField;

// As at registration, wherever a password is chosen.
const NewPassword = NewPasswordField.openapi({
  description: `${MIN_PASSWORD} to ${MAX_PASSWORD} characters, not only spaces, not one character repeated, not a commonly used password`,
});

// The name an account goes by: in its mails and beside its reviews.
const AccountName = AccountNameField.openapi({ example: "Ananya Iyer" });

const RegisterBody = z
  .object({
    email: Email,
    password: NewPassword,
    name: AccountName,
  })
  .strict()
  // The first password anyone who knows the address would try.
  .refine((b) => !passwordIsEmail(b.password, b.email), { path: ["password"], message: PASSWORD_IS_EMAIL })
  .openapi("RegisterBody");

const MeChange = z.object({ name: AccountName }).strict().openapi("MeChange");

const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(128) })
  .strict()
  .openapi("LoginBody");

const PasswordChangeBody = z
  .object({
    current_password: z.string().min(1).max(128),
    new_password: NewPassword,
  })
  .strict()
  .refine((b) => b.new_password !== b.current_password, { path: ["new_password"], message: "is the same as the current password" })
  .openapi("PasswordChangeBody");

const PasswordResetBody = z.object({ email: Email }).strict().openapi("PasswordResetBody");

const PasswordResetRequested = z
  .object({ message: z.string().openapi({ example: RESET_REQUESTED_MESSAGE }) })
  .openapi("PasswordResetRequested");

const ResetToken = z.string().min(1).max(200).openapi({ description: "The `token` parameter of the link in the reset mail." });

const PasswordResetConfirmBody = z.object({ token: ResetToken, password: NewPassword }).strict().openapi("PasswordResetConfirmBody");

const PasswordResetCheckBody = z.object({ token: ResetToken }).strict().openapi("PasswordResetCheckBody");

const PasswordResetLink = z
  .object({
    expires_at: z.string().openapi({ format: "date-time", description: "When the link stops working, unless used first." }),
    email: z.string().openapi({
      description:
        "The email of the account whose password the link resets, for the page to name it (and password managers to file it under)",
    }),
  })
  .openapi("PasswordResetLink");

/** How many of the guest cart's lines or saved items a sign-in could not merge; absent when it merged them all. */
const leftInGuestCart = (description: string) => z.number().int().positive().optional().openapi({ description });

const SignedInBody = z
  .object({
    user: Me,
    token: z.string().openapi({ description: "Bearer token for API clients; browsers use the session cookie set alongside." }),
    expires_at: z.string().openapi({ format: "date-time" }),
    csrf_token: z.string().openapi({ description: "Echo in X-CSRF-Token on cookie-authenticated unsafe requests." }),
    cart_lines_not_merged: leftInGuestCart(
      `Present when lines of the cart kept before signing in did not fit in the account's cart (at most ${MAX_LINES} lines): ` +
        "how many. They stay in the guest cart, and a later sign-in merges them once the account's cart has room.",
    ),
    cart_lines_capped: leftInGuestCart(
      "Present when lines of the cart kept before signing in, added up with the account's own, came to more than one order " +
        "takes of an item (10): how many lines were cut to 10.",
    ),
    saved_items_not_merged: leftInGuestCart(
      `Present when items saved for later before signing in did not fit in the account's saved list (at most ${MAX_SAVED} items): ` +
        "how many. They stay with the guest cart, and a later sign-in merges them once the account's list has room.",
    ),
  })
  .openapi("SignedIn");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

// Tokens and personal details must never sit in a shared or browser cache.
const NO_STORE = { "cache-control": "no-store" };

function meView(user: Principal) {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, seller_id: user.sellerId };
}

async function signedInResponse(c: Context<AppEnv>, signedIn: SignedIn) {
  const left = await mergeCartAtSignIn(c.env, await knownGuestId(c), signedIn.user.id, c.var.requestId);
  const csrf = await setSessionCookies(c, signedIn.token, signedIn.sessionId);
  await setKnownDeviceCookie(c, signedIn.user.id);
  return {
    user: meView(signedIn.user),
    token: signedIn.token,
    expires_at: signedIn.expiresAt,
    csrf_token: csrf,
    ...(left.unmerged > 0 ? { cart_lines_not_merged: left.unmerged } : {}),
    ...(left.capped > 0 ? { cart_lines_capped: left.capped } : {}),
    ...(left.savedUnmerged > 0 ? { saved_items_not_merged: left.savedUnmerged } : {}),
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
        headers: createdHeaders,
        content: { "application/json": { schema: SignedInBody } },
      },
      400: problem("Invalid fields"),
      409: problem("The email already has an account"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const signedIn = await registerAccount(c.var.db, c.req.valid("json"), c.var.user?.sessionId ?? null, deviceOf(c));
    // The account made is the one `/api/me` reads with the session just opened.
    return c.json(await signedInResponse(c, signedIn), 201, { ...NO_STORE, location: "/api/me" });
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
    const signedIn = await signIn(c.env, c.var.db, c.req.valid("json"), c.var.user?.sessionId ?? null, knownDeviceCookie(c), deviceOf(c));
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
    method: "patch",
    path: "/me",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Change the name the account goes by",
    description: "Every answer and mail from now on uses the new name; the account's reviews show it as their pages are next refreshed.",
    request: { body: { content: { "application/json": { schema: MeChange } } } },
    responses: {
      200: { description: "The user, renamed", content: { "application/json": { schema: Me } } },
      400: problem("Invalid fields (naming them); nothing changed"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { name } = c.req.valid("json");
    await renameAccount(c.env.DB, user.id, name);
    return c.json(meView({ ...user, name }), 200, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/me/password",
    access: "signed_in",
    tags: ["accounts"],
    summary:
      "Change the password; every other session of the account is signed out, this one stays, and reset links already mailed stop working",
    request: { body: { content: { "application/json": { schema: PasswordChangeBody } } } },
    responses: {
      204: { description: "Changed; other sessions ended" },
      400: problem("Invalid fields, or `current_password` is not the current password (named in `errors`)"),
      401: problem("Not signed in"),
      429: problem(
        "Too many tries at the account's current password, from whichever device; `detail` says so and when to try again (`Retry-After`)",
      ),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    await changePassword(c.env, c.executionCtx, c.var.db, requireUser(c.var.user), {
      current: body.current_password,
      next: body.new_password,
    });
    return c.body(null, 204, NO_STORE);
  },
);

const SignedInDeviceSchema = z
  .object({
    id: z.string().openapi({ description: "The session's handle, for signing it out" }),
    device: z
      .string()
      .nullable()
      .openapi({ description: 'The browser and device it was opened from ("Chrome on Android"); null when not known' }),
    signed_in_at: z.string().openapi({ description: "When it was opened (RFC 3339)" }),
    expires_at: z.string().openapi({ description: "When it ends unless used to sign in again (RFC 3339)" }),
    current: z.boolean().openapi({ description: "Whether it is the session making this request" }),
  })
  .openapi("SignedInDevice");

const SessionHandleParam = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, "is not a session's handle") });

accountRoutes.openapi(
  route({
    method: "get",
    path: "/me/sessions",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Where the account is signed in: its live sessions, newest first, this one marked",
    responses: {
      200: json(z.object({ items: z.array(SignedInDeviceSchema) }).openapi("SignedInDevices"), "The live sessions"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    return c.json({ items: await signedInDevices(c.var.db, user.id, user.sessionId) }, 200, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "delete",
    path: "/me/sessions/{id}",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Sign out one session of the account (this one too, which also clears the cookies)",
    request: { params: SessionHandleParam },
    responses: {
      204: { description: "Signed out there" },
      400: problem("Not a session's handle"),
      401: problem("Not signed in"),
      404: problem("No live session of the account has that handle"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { current } = await signOutDevice(c.var.db, user.id, c.req.valid("param").id, user.sessionId);
    if (current) clearSessionCookies(c);
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/logout-others",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Sign out on every other device: ends every session of the account but this one, and every reset link already mailed",
    responses: {
      200: json(z.object({ signed_out: z.number().int() }).openapi("SignedOutOthers"), "How many sessions ended"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    return c.json({ signed_out: await signOutOtherDevices(c.var.db, user.id, user.sessionId) }, 200, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/logout-everywhere",
    access: "signed_in",
    tags: ["accounts"],
    summary:
      "Sign out on every device: ends every session of the account, this one included, and every reset link already mailed, and clears the cookies",
    responses: { 204: { description: "Signed out everywhere" }, 401: problem("Not signed in") },
  }),
  async (c) => {
    await signOutEverywhere(c.var.db, requireUser(c.var.user).id);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/password-reset",
    access: "public",
    tags: ["accounts"],
    summary: "Forgot password: mail a single-use link, valid 30 minutes, that resets the account's password",
    description:
      "Answers 202 with the same body whether or not the email has an account, and takes about as long either way. " +
      "A new link ends the account's earlier ones. An account is sent at most 3 links an hour; past that the answer is " +
      "the same 202 and nothing is sent.",
    request: { body: { content: { "application/json": { schema: PasswordResetBody } } } },
    responses: {
      202: {
        description: "Asked; a mail is on its way if the email has an account",
        content: { "application/json": { schema: PasswordResetRequested } },
      },
      400: problem("Invalid fields"),
      429: problem("Too many attempts from this client"),
      503: problem("The mail could not be sent; nothing was changed, try again in a minute"),
    },
  }),
  async (c) => {
    await requestPasswordReset(c.env, c.var.db, c.req.valid("json").email);
    return c.json({ message: RESET_REQUESTED_MESSAGE }, 202, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/password-reset/check",
    access: "public",
    tags: ["accounts"],
    summary: "Whether a reset link still works, until when, and for which account; reads only, so the link still works afterwards",
    request: { body: { content: { "application/json": { schema: PasswordResetCheckBody } } } },
    responses: {
      200: { description: "The link works until `expires_at`", content: { "application/json": { schema: PasswordResetLink } } },
      400: problem("Invalid fields, or the link is unknown, used or expired (`/problems/reset-link-invalid`)"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const link = await checkResetLink(c.var.db, c.req.valid("json").token);
    return c.json({ expires_at: link.expiresAt, email: link.email }, 200, NO_STORE);
  },
);

accountRoutes.openapi(
  route({
    method: "post",
    path: "/auth/password-reset/confirm",
    access: "public",
    tags: ["accounts"],
    summary: "Set a new password through a reset link; ends every session of the account and signs in afresh",
    request: { body: { content: { "application/json": { schema: PasswordResetConfirmBody } } } },
    responses: {
      200: {
        description: "Password changed and signed in, as after login; every earlier session of the account is ended",
        content: { "application/json": { schema: SignedInBody } },
      },
      400: problem("Invalid fields, or the link is unknown, used or expired (`/problems/reset-link-invalid`); nothing changed"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const userId = await resetPassword(c.env, c.executionCtx, c.var.db, c.req.valid("json"), deviceOf(c));
    const signedIn = await openSession(c.var.db, userId, c.var.user?.sessionId ?? null, deviceOf(c));
    return c.json(await signedInResponse(c, signedIn), 200, NO_STORE);
  },
);
