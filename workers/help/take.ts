import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type HelpRow, OPS_HELP_COLUMNS, OPS_HELP_JOINS, helpView } from "./read";
import type { OpsHelpRequestView } from "./schemas";

/**
 * Runs a conditional update of one request and reads the request as ops see it after, in one batch
 * (one round trip, and no one else's change between the two): whether it changed, and the request.
 */
async function updateAndRead(db: D1Database, id: string, update: D1PreparedStatement): Promise<[boolean, OpsHelpRequestView]> {
  const [updated, read] = await db.batch([
    update,
    db.prepare(`SELECT ${OPS_HELP_COLUMNS} FROM help_requests h ${OPS_HELP_JOINS} WHERE h.id = ?1`).bind(id),
  ]);
  const row = read?.results[0] as HelpRow<OpsHelpRequestView> | undefined;
  if (!row) throw new AppError("not_found", `No help request ${id}.`);
  return [updated?.meta.changes === 1, helpView(row)];
}

function refusedOn(request: OpsHelpRequestView, opsId: string): AppError {
  if (request.status !== "open")
    return new AppError("conflict", "This request was already answered; there is nothing to take.", {
      extensions: { help_request: request },
    });
  const by = request.taken_by === opsId ? "you" : (request.taken_by_name ?? "a colleague");
  return new AppError("conflict", `${by === "you" ? "You have" : `${by} has`} taken this request; nothing changed.`, {
    extensions: { help_request: request },
  });
}

/**
 * Ops take an open request to answer, so colleagues leave it to them. One conditional statement
 * decides, so two taking at once cannot both have it: the one whose update found it free (or
 * theirs already, keeping when they took it) gets it, and the other a 409 naming who has it. A
 * request someone else took is taken from them only when asked to (`takeOver`), for a colleague
 * who went off shift with it.
 */
export async function takeHelp(db: D1Database, id: string, opsId: string, takeOver: boolean): Promise<OpsHelpRequestView> {
  const [taken, request] = await updateAndRead(
    db,
    id,
    db
      .prepare(
        `UPDATE help_requests SET taken_at = CASE WHEN taken_by = ?2 THEN taken_at ELSE ?3 END, taken_by = ?2
         WHERE id = ?1 AND status = 'open' AND (taken_by IS NULL OR taken_by = ?2 OR ?4)`,
      )
      .bind(id, opsId, nowIso(), takeOver ? 1 : 0),
  );
  if (!taken) throw refusedOn(request, opsId);
  return request;
}

/** Ops give back a request they took, for anyone to take; only its taker may. */
export async function releaseHelp(db: D1Database, id: string, opsId: string): Promise<OpsHelpRequestView> {
  const [released, request] = await updateAndRead(
    db,
    id,
    db
      .prepare("UPDATE help_requests SET taken_by = NULL, taken_at = NULL WHERE id = ?1 AND status = 'open' AND taken_by = ?2")
      .bind(id, opsId),
  );
  if (released) return request;
  if (request.status === "open" && request.taken_by === null)
    throw new AppError("conflict", "No one has taken this request; nothing changed.", { extensions: { help_request: request } });
  if (request.status === "open" && request.taken_by !== opsId)
    throw new AppError("conflict", `${request.taken_by_name ?? "A colleague"} has taken this request, not you; nothing changed.`, {
      extensions: { help_request: request },
    });
  throw refusedOn(request, opsId);
}
