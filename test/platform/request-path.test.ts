import { describe, expect, it } from "vitest";
import { requestPath } from "../../workers/platform/request-path";

describe("requestPath", () => {
  it("reads the same path and query as URL does, for what requests carry", () => {
    for (const raw of [
      "https://shop.example/",
      "https://shop.example/api/products/prd_0000001",
      "https://shop.example/api/deals/deal_1/queue?ticket=a.b",
      "https://shop.example/api/deals/deal_1/queue?",
      "http://127.0.0.1:8787/api/products/prd%20x?q=1&r=2",
      "https://shop.example/a/../b/./c?x=%2F#frag",
      "https://shop.example/search?q=//double",
      "https://shop.example",
    ]) {
      const url = new URL(new Request(raw).url);
      expect(requestPath(new Request(raw).url), raw).toEqual({ pathname: url.pathname, search: url.search });
    }
  });
});
