/**
 * The part of an execution context that work after the answer needs: somewhere to run it
 * (`waitUntil`). Asked for alone so plain functions and tests need not fake a whole context.
 */
export type Background = Pick<ExecutionContext, "waitUntil">;
