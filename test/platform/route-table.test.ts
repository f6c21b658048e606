/// <reference types="vite/client" />
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";

// Every domain router, found by file name (`routes.ts`, `*-routes.ts`), so a new domain or a split-off router cannot slip past this check either.
const modules = import.meta.glob<Record<string, unknown>>(["../../workers/*/routes.ts", "../../workers/*/*-routes.ts"], { eager: true });

describe("route table", () => {
  it("declares every API route through route(), so it is documented, has x-access and is in the matrix", () => {
    const undocumented: string[] = [];
    let routers = 0;
    for (const [file, exports] of Object.entries(modules)) {
      for (const router of Object.values(exports)) {
        if (!(router instanceof OpenAPIHono)) continue;
        routers++;
        const documented = new Set(
          router.openAPIRegistry.definitions.flatMap((d) =>
            d.type === "route" ? [`${d.route.method.toUpperCase()} ${d.route.path}`] : [],
          ),
        );
        for (const r of router.routes) {
          if (r.method === "ALL") continue; // middleware
          const key = `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`;
          if (!documented.has(key)) undocumented.push(`${file}: ${key}`);
        }
      }
    }
    expect(routers).toBeGreaterThanOrEqual(8);
    expect(undocumented).toEqual([]);
  });
});
