import { env } from "cloudflare:workers";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";

/** A product with one seller offering it, that seller's user, and a shopper. */
export async function productWithSeller(title = "Askphone 5G (8GB RAM, 128GB)", sellerName = "Sharma Mobiles") {
  const f = await createListingFixture({ title });
  await env.DB.prepare("UPDATE sellers SET name = ?2 WHERE id = ?1").bind(f.sellerId, sellerName).run();
  const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
  const shopper = await createTestUser();
  return { f, seller, shopper };
}

/** A second seller offering the fixture's product, with its own user. */
export async function secondSeller(f: Fixture, name = "Gupta Electronics"): Promise<{ sellerId: string; user: TestUser }> {
  const other = await createListingFixture();
  await env.DB.prepare("UPDATE sellers SET name = ?2 WHERE id = ?1").bind(other.sellerId, name).run();
  const now = new Date().toISOString();
  await env.DB.prepare(
    "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?1, ?2, ?3, 125000, 149900, 1, ?4, ?4)",
  )
    .bind(`lst_q_${crypto.randomUUID().slice(0, 12)}`, f.productId, other.sellerId, now)
    .run();
  return { sellerId: other.sellerId, user: await createTestUser(["seller"], { sellerId: other.sellerId }) };
}

export async function ask(user: TestUser, productId: string, text: string): Promise<Response> {
  return api(`/api/products/${productId}/questions`, { method: "POST", headers: user.headers, body: { text } });
}

/** Asks and returns the new question's id. */
export async function asked(user: TestUser, productId: string, text: string): Promise<string> {
  const res = await ask(user, productId, text);
  if (res.status !== 201) throw new Error(`ask answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export function answer(seller: TestUser, questionId: string, text: string): Promise<Response> {
  return api(`/api/seller/questions/${questionId}/answer`, { method: "PUT", headers: seller.headers, body: { text } });
}

/** A product whose seller answered a shopper's question with `words`, and the question's and answer's ids. */
export async function answeredProduct(title: string, words: string, question = "Does it support 5G in India?") {
  const set = await productWithSeller(title);
  const questionId = await asked(set.shopper, set.f.productId, question);
  const res = await answer(set.seller, questionId, words);
  if (res.status !== 200) throw new Error(`answer answered ${res.status}: ${await res.text()}`);
  const answerId = (await env.DB.prepare("SELECT id FROM question_answers WHERE question_id = ?").bind(questionId).first<string>("id"))!;
  return { ...set, questionId, answerId };
}

/** A product's answered questions as anyone reads them. */
export async function publicQuestions(
  productId: string,
  query = "",
): Promise<{
  count: number;
  items: { id: string; text: string; answers: { text: string; seller: { name: string } }[] }[];
  next_cursor: string | null;
}> {
  const res = await api(`/api/products/${productId}/questions${query}`);
  if (res.status !== 200) throw new Error(`list answered ${res.status}`);
  return res.json();
}

/** Everything stored about a product's questions, straight from D1. */
export async function storedQuestions(productId: string) {
  const questions = await env.DB.prepare(
    "SELECT id, body, status, answer_count FROM product_questions WHERE product_id = ? ORDER BY created_at, id",
  )
    .bind(productId)
    .all();
  const answers = await env.DB.prepare(
    "SELECT id, question_id, seller_id, body, status FROM question_answers WHERE product_id = ? ORDER BY created_at, id",
  )
    .bind(productId)
    .all();
  const product = await env.DB.prepare("SELECT answered_questions, version FROM products WHERE id = ?")
    .bind(productId)
    .first<{ answered_questions: number; version: number }>();
  return { questions: questions.results, answers: answers.results, product };
}
