/** The shared benchmark harness: start Workers in workerd, drive them, report against hello-world. */
export { buildWorker } from "./build.mjs";
export { applyMigrations, startHelloWorld, startStorefront } from "./workers.mjs";
export { atFixedRate, saturate } from "./load.mjs";
export { line, report } from "./report.mjs";
