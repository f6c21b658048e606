/** Number of PBKDF2 iterations the Worker uses. */
export declare const ITERATIONS: number;
/** Builds the SQL that creates (or promotes) an ops account. */
export declare function buildOpsAccountSql(input: {
  email: string;
  name?: string;
  password: string;
  iterations?: number;
  now?: string;
}): Promise<string>;
