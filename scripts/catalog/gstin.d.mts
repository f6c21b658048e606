/** The GSTIN check character of the first 14 characters. */
export function gstinCheckCharacter(first14: string): string;
/** The `n`-th demo seller's GSTIN (n from 1) in state `stateCode`. */
export function demoGstin(stateCode: string, name: string, n: number): string;
