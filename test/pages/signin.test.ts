import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshEmail } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN } from "../helpers/http";

/** A same-origin sign-in form post, as a browser sends it (no redirects followed). */
function postSignIn(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** The value of the sign-in form's hidden `next` field. */
function renderedNext(html: string): string | undefined {
  return /<form method="post" action="\/signin"[\s\S]*?name="next" value="([^"]*)"/.exec(html)?.[1];
}

describe("sign-in redirect", () => {
  it("keeps a shopper on this shop when next hides another host behind a tab", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const page = await exports.default.fetch(new Request(`${ORIGIN}/signin?next=/%09/evil.example/login`));
    expect(renderedNext(await page.text())).toBe("/");

    const res = await postSignIn({ email: user.email, password: "test-password-1", next: "/\t/evil.example/login" });
    expect(res.status).toBe(303);
    // Resolved as a browser would: it drops the tab before reading the host.
    expect(new URL(res.headers.get("location") ?? "", ORIGIN).origin).toBe(ORIGIN);
  });

  it("still sends a shopper back to the page they came from", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const res = await postSignIn({ email: user.email, password: "test-password-1", next: "/orders?page=2" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders?page=2");
  });
});
