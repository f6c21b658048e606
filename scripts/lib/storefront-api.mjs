/**
 * A JSON client for a running storefront's public API, as the demo scripts use it: they make
 * their data exactly as the consoles and shoppers' apps do, never behind the API's back.
 */

/** One API request; answers its status, headers and parsed JSON body (null when empty). */
export async function call(base, path, { method = "GET", token, body, headers = {} } = {}) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** Signs in and returns a bearer token for the account; throws with the status when refused. */
export async function signIn(base, email, password) {
  const login = await call(base, "/api/auth/login", { method: "POST", body: { email, password } });
  if (login.status !== 200) throw new Error(`signing in as ${email} answered ${login.status}`);
  return login.body.token;
}
