-- Indian scripts write most vowels and the virama as combining marks, which unicode61 by default
-- reads as word breaks: "मोबाइल" was indexed as "म", "ब", "इल", so a Hindi or Tamil search matched
-- any title sharing a fragment and ranked whole words no higher. Counting marks (M*) as word
-- characters keeps such words whole. A tokenizer cannot be changed in place, so both indexes are
-- built again under the same names.
--
-- The products triggers (products_search_ai, _au, _ad) name products_fts only inside their bodies,
-- which SQLite resolves each time they fire; they survive the drop and write to the new table.
-- The vocab table is dropped first so no fts5vocab is ever left over a missing index.
DROP TABLE IF EXISTS products_fts_vocab;
--> statement-breakpoint
DROP TABLE IF EXISTS products_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE products_fts USING fts5(
	title, brand, category, attributes, description,
	content = '', contentless_delete = 1,
	tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
	prefix = '2 3'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE products_fts_vocab USING fts5vocab(products_fts, row);
--> statement-breakpoint
-- The index is contentless, so it is filled again from products, under each product's existing
-- document number (search_docs keeps them).
INSERT INTO products_fts(rowid, title, brand, category, attributes, description)
SELECT d.doc_id, p.title, p.brand,
	(SELECT group_concat(a.name, ' ') FROM categories c JOIN categories a
		ON a.id = c.id OR instr(c.path, '/' || a.id || '/') > 0 OR instr(c.path, '/' || a.slug || '/') > 0
		WHERE c.id = p.category_id),
	CASE WHEN json_valid(p.attributes) THEN (SELECT group_concat(value, ' ') FROM json_each(p.attributes)) ELSE '' END,
	p.description
FROM products p JOIN search_docs d ON d.product_id = p.id;
--> statement-breakpoint
-- The corrector's word list still holds the old fragments; bring it in line with the new terms
-- now rather than at the next maintenance run (the same statements as refreshVocabulary).
INSERT INTO search_vocabulary(term, docs)
SELECT term, doc FROM products_fts_vocab WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*'
ON CONFLICT(term) DO UPDATE SET docs = excluded.docs WHERE docs != excluded.docs;
--> statement-breakpoint
DELETE FROM search_vocabulary WHERE term NOT IN (SELECT term FROM products_fts_vocab);
--> statement-breakpoint
-- Suggestions keep their entries and document numbers (each kind's block of rowids orders it), so
-- they are set aside in a plain table while the index is built again.
DROP TABLE IF EXISTS search_suggestions_carry;
--> statement-breakpoint
CREATE TABLE search_suggestions_carry AS SELECT rowid AS id, text, kind, ref, weight FROM search_suggestions;
--> statement-breakpoint
DROP TABLE search_suggestions;
--> statement-breakpoint
CREATE VIRTUAL TABLE search_suggestions USING fts5(
	text, kind UNINDEXED, ref UNINDEXED, weight UNINDEXED,
	tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
	prefix = '1 2 3'
);
--> statement-breakpoint
INSERT INTO search_suggestions(rowid, text, kind, ref, weight)
SELECT id, text, kind, ref, weight FROM search_suggestions_carry;
--> statement-breakpoint
DROP TABLE search_suggestions_carry;
