/**
 * `npm run check` step: applies every D1 migration, in order, to an empty in-memory SQLite that
 * refuses a double-quoted name matching no column. D1's SQLite instead reads such a name as a
 * string: a generated table rebuild that copies a column the old table does not have yet
 * (`INSERT INTO __new_t (..., "c") SELECT ..., "c" FROM t`) applies there without an error and
 * writes the text "c" into every existing row. Here it fails, naming the migration.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

const dir = path.resolve(import.meta.dirname, "../migrations");
const db = new DatabaseSync(":memory:");
let applied = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".sql"))
  .sort()) {
  for (const statement of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint")) {
    try {
      db.exec(statement);
    } catch (err) {
      console.error(`migrations/${file}: ${err instanceof Error ? err.message : err}\n${statement.trim().slice(0, 400)}`);
      process.exit(1);
    }
  }
  applied++;
}
console.log(`${applied} migrations apply in order to an empty database`);
