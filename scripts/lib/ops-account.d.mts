/** Number of PBKDF2 iterations the Worker uses. */
export declare const ITERATIONS: number;
/** The flag that lets an operator grant ops to an account that already exists. */
export declare const PROMOTE_FLAG: string;

/** Where the account is written: the script goes through wrangler, the test to D1 directly. */
export interface OpsAccountDatabase {
  /** Runs one SELECT and returns its rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs statements given one per line. */
  execute(sql: string): Promise<void>;
  /** Reports a promotion of an existing account. */
  warn(message: string): void;
}

/** Creates an ops account; refuses an email that already has one unless `promoteExisting` is set. */
export declare function createOpsAccount(
  input: {
    email: string;
    name?: string;
    password: string;
    promoteExisting?: boolean;
    iterations?: number;
    now?: string;
  },
  db: OpsAccountDatabase,
): Promise<{ id: string; email: string; created: boolean }>;
