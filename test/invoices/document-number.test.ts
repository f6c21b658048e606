import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_NUMBER_LENGTH, MAX_SEQ, documentNumber, documentNumberSql } from "../../workers/invoices/document-number";

const KINDS = ["invoice", "credit_note"] as const;

describe("document numbers", () => {
  it("read as invoices and credit notes always have", () => {
    expect(documentNumber("invoice", "2026-27", 42)).toBe("2026-27/000042");
    expect(documentNumber("credit_note", "2026-27", 42)).toBe("CN26-27/000042");
  });

  it("fit 16 characters up to the largest sequence, and a sale-day seller's millions", () => {
    for (const kind of KINDS) {
      expect(documentNumber(kind, "2026-27", 5_000_000)).toHaveLength(15);
      const last = documentNumber(kind, "2026-27", MAX_SEQ);
      expect(last).toHaveLength(MAX_NUMBER_LENGTH);
    }
    expect(documentNumber("credit_note", "2026-27", MAX_SEQ)).toBe("CN26-27/99999999");
    // The 100,000th credit note of a year, one past what the old format could number.
    expect(documentNumber("credit_note", "2026-27", 100_000)).toBe("CN26-27/100000");
  });

  it("are refused past the largest sequence rather than issued over-long", () => {
    for (const kind of KINDS) {
      expect(() => documentNumber(kind, "2026-27", MAX_SEQ + 1)).toThrow(/at most 99999999 a year fit in 16 characters/);
      expect(() => documentNumber(kind, "2026-27", 0)).toThrow(RangeError);
    }
  });

  it("are the same in the SQL that issues them, and NULL (refused by the column) past the largest", async () => {
    for (const kind of KINDS) {
      for (const seq of [1, 42, 99_999, 100_000, 1_234_567, MAX_SEQ, MAX_SEQ + 1]) {
        const row = await env.DB.prepare(`SELECT ${documentNumberSql(kind, "?1", "?2")} AS number`)
          .bind("2026-27", seq)
          .first<{ number: string | null }>();
        expect(row?.number, `${kind} ${seq}`).toBe(seq <= MAX_SEQ ? documentNumber(kind, "2026-27", seq) : null);
      }
    }
  });
});
