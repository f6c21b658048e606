import { describe, expect, it } from "vitest";
import { ART_COLOURS } from "../../workers/art/palette";
import { renderArt } from "../../workers/art/render";
import { ART_SHAPES } from "../../workers/art/shapes";
import { api } from "../helpers/http";

/** The tags of an XML document, checked to nest and close; throws on the first that does not. */
function checkWellFormed(xml: string): void {
  const open: string[] = [];
  for (const [tag, closing, name, attributes, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z]+)([^<>]*?)(\/?)>/g)) {
    if (!/^(\s+[a-zA-Z-]+="[^"<>]*")*\s*$/.test(attributes!)) throw new Error(`bad attributes in ${tag}`);
    if (closing) {
      if (open.pop() !== name) throw new Error(`${tag} closes nothing open`);
    } else if (!selfClosing) open.push(name!);
  }
  if (open.length > 0) throw new Error(`unclosed ${open.join(", ")}`);
  if (xml.replace(/<[^<>]*>/g, "").trim() !== "") throw new Error("text outside tags");
}

describe("product illustrations", () => {
  it("answers an illustration as an SVG in its colour, cached for good", async () => {
    const res = await api("/art/phone/black.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{8}"$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 200 200"/);
    expect(svg).toContain(`fill="${ART_COLOURS.get("black")}"`);
    expect(svg).toContain('aria-hidden="true"');
    checkWellFormed(svg);

    const white = await (await api("/art/phone/white.svg")).text();
    expect(white).toContain(`fill="${ART_COLOURS.get("white")}"`);
    expect(white).not.toContain(`fill="${ART_COLOURS.get("black")}"`);
  });

  it("says 304 to a client that already has it, and answers HEAD without a body", async () => {
    const first = await api("/art/fridge/stainless-steel.svg");
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const again = await api("/art/fridge/stainless-steel.svg", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const other = await api("/art/fridge/stainless-steel.svg", { headers: { "if-none-match": '"00000000"' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    const head = await api("/art/fridge/stainless-steel.svg", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect(await head.text()).toBe("");
  });

  it("is answered like a static file, without the rate limiter or a guest session", async () => {
    const res = await api("/art/shoe/red.svg");
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    // Every answer through the front door names the rate policy it was counted against.
    expect(res.headers.get("ratelimit-policy")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("draws every shape in every colour small, self-contained and well formed", () => {
    for (const shape of ART_SHAPES.keys()) {
      for (const colour of ART_COLOURS.keys()) {
        const art = renderArt(shape, colour)!;
        expect(art, `${shape}/${colour}`).not.toBeNull();
        expect(new TextEncoder().encode(art.svg).length, `${shape}/${colour}`).toBeLessThan(1500);
        expect(art.svg).not.toMatch(/<script|<foreignObject|<image|<a\b|href|url\(|\son[a-z]+=/i);
        expect(art.svg).toContain(`fill="${ART_COLOURS.get(colour)}"`);
        checkWellFormed(art.svg);
      }
    }
  });

  it("draws the kinds a category sells besides its namesake: a bulb among the beds, a kettle among the mixers", async () => {
    const kinds = [
      "bulb",
      "lamp",
      "pillow",
      "sheet",
      "kettle",
      "toaster",
      "keyboard",
      "power-bank",
      "tripod",
      "drone",
      "guitar",
      "washer-top",
      "twin-tub",
    ];
    for (const kind of kinds) {
      const res = await api(`/art/${kind}/white.svg`);
      expect(res.status, kind).toBe(200);
      expect(res.headers.get("content-type"), kind).toBe("image/svg+xml; charset=utf-8");
      const svg = await res.text();
      expect(svg, kind).toContain(`fill="${ART_COLOURS.get("white")}"`);
      checkWellFormed(svg);
    }
    // No two names draw the same picture: each kind is a drawing of its own.
    const drawings = [...ART_SHAPES.keys()].map((shape) => renderArt(shape, "red")!.svg);
    expect(new Set(drawings).size).toBe(ART_SHAPES.size);
  });

  it("answers an unknown shape or colour with a 404 problem", async () => {
    for (const path of [
      "/art/spaceship/black.svg",
      "/art/phone/chartreuse.svg",
      "/art/constructor/black.svg",
      "/art/phone/constructor.svg",
      "/art/Phone/black.svg",
      "/art/phone/black.png",
    ]) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/problem+json");
      const problem = (await res.json()) as { status: number; title: string; detail: string };
      expect(problem.status).toBe(404);
    }
    const shape = (await (await api("/art/spaceship/black.svg")).json()) as { detail: string };
    expect(shape.detail).toContain('"spaceship"');
    const colour = (await (await api("/art/phone/chartreuse.svg")).json()) as { detail: string };
    expect(colour.detail).toContain('"chartreuse"');
  });

  it("refuses other methods", async () => {
    const res = await api("/art/phone/black.svg", { method: "POST" });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });
});
