/** Types for demo-accounts.mjs. */
export const DEMO_PASSWORD: string;
export const DEMO_ACCOUNTS: { id: string; email: string; name: string; roles: string[] }[];
