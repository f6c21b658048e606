/** The shared benchmark harness: start Workers in workerd, drive them, report against hello-world. */
export { buildWorker } from "./build.mjs";
export { WARM_UP_SECONDS, applyMigrations, measureCeilings, startHelloWorld, startStorefront } from "./workers.mjs";
export { atFixedRate, interleaved, saturate } from "./load.mjs";
export { ASSETS_HELLO, HELLO, line, report } from "./report.mjs";
