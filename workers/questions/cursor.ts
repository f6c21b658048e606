import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";

/**
 * Where a page of questions or answers ended: the last row's time and id. Paged by keyset on
 * (time, id), so a question asked or answered while someone pages shifts no row between pages.
 * Each list's cursor starts with its own marker, so no list continues from another's cursor.
 */
export interface QuestionPosition {
  at: string;
  id: string;
  /** What the list is of: a product's id, or a seller list's state. */
  scope: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The opaque next_cursor of the list `kind` (of `scope`) after `last`. */
export function encodeQuestionCursor(kind: QuestionListKind, scope: string, last: { at: string; id: string }): string {
  return encodeKeyset([kind, scope, last.at, last.id]);
}

/** The lists paged by these cursors. */
export type QuestionListKind = "product" | "seller" | "store_questions" | "store_answers";

/** The `cursor` query field of the list `kind`, decoded to a position during validation. */
export function questionCursorField(kind: QuestionListKind) {
  return keysetCursorField([new RegExp(`^${kind}$`), ID, ISO_TIME, ID], ([, scope, at, id]) => ({
    scope: scope as string,
    at: at as string,
    id: id as string,
  }));
}
