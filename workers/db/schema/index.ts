export * from "./accounts";
export * from "./catalog";
export * from "./events";
export * from "./inventory";
export * from "./orders";
export * from "./search";
export * from "./payments";
export * from "./invoices";
