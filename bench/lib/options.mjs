/**
 * A benchmark's command line. A benchmark runs for minutes on an idle machine, so `--help` must
 * print how to run it rather than start it, and a mistyped flag or a number that is none must stop
 * it at once with the usage, not after minutes of loading or with a stack trace.
 */
import { parseArgs } from "node:util";

/**
 * The flags of `options` (parseArgs' shape; every string flag is a positive number unless listed
 * in `text`), or an exit: 0 with the usage for `--help`, 1 with what is wrong and the usage.
 */
export function benchOptions(usage, options = {}, { text = [] } = {}) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: "boolean", default: false } } }));
  } catch (err) {
    refuse(usage, err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  for (const [name, option] of Object.entries(options)) {
    const value = values[name];
    if (option.type !== "string" || text.includes(name) || value === undefined) continue;
    const numbers = value.split(",");
    if (numbers.some((n) => !(Number(n) > 0))) refuse(usage, `--${name} takes a positive number, not "${value}"`);
  }
  return values;
}

function refuse(usage, why) {
  console.error(`${why}\n\n${usage}`);
  process.exit(1);
}
