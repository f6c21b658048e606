-- Full-text search over the catalog, kept in step with `products` by triggers so a seller's
-- change is searchable in the same transaction that makes it.
--
-- FTS5 needs an integer rowid and products are keyed by text ids (whose implicit rowid VACUUM may
-- renumber), so search_docs gives every product a stable document number.
CREATE TABLE search_docs (
	doc_id INTEGER PRIMARY KEY,
	product_id TEXT NOT NULL UNIQUE
);
--> statement-breakpoint
-- Contentless: the text already lives in products, so the index stores only postings (half the
-- bytes of a content-bearing table, which matters against D1's 10 GB). contentless_delete lets the
-- triggers remove a document's old terms. Column order fixes the bm25() weights used by queries:
-- title, brand, category (with its ancestors), attribute values, description.
CREATE VIRTUAL TABLE products_fts USING fts5(
	title, brand, category, attributes, description,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
-- Every indexed term with its document count: tells the spelling corrector which words exist now.
CREATE VIRTUAL TABLE products_fts_vocab USING fts5vocab(products_fts, row);
--> statement-breakpoint
-- The corrector's candidate list: indexed words of three or more letters, copied from the vocab
-- periodically (refreshVocabulary), with a trigram index for cheap "looks like" lookups.
CREATE TABLE search_vocabulary (
	id INTEGER PRIMARY KEY,
	term TEXT NOT NULL UNIQUE,
	docs INTEGER NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE search_vocabulary_trigrams USING fts5(
	term,
	content = 'search_vocabulary', content_rowid = 'id',
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER search_vocabulary_ai AFTER INSERT ON search_vocabulary BEGIN
	INSERT INTO search_vocabulary_trigrams(rowid, term) VALUES (new.id, new.term);
END;
--> statement-breakpoint
CREATE TRIGGER search_vocabulary_ad AFTER DELETE ON search_vocabulary BEGIN
	INSERT INTO search_vocabulary_trigrams(search_vocabulary_trigrams, rowid, term) VALUES ('delete', old.id, old.term);
END;
--> statement-breakpoint
-- Autocomplete entries (popular queries, brands, categories, popular product titles), rebuilt
-- periodically (rebuildSuggestions); small enough that ordering every prefix match by weight is cheap.
CREATE VIRTUAL TABLE search_suggestions USING fts5(
	text, kind UNINDEXED, ref UNINDEXED, weight UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
	INSERT INTO search_docs(product_id) VALUES (new.id);
	INSERT INTO products_fts(rowid, title, brand, category, attributes, description)
	VALUES (
		(SELECT doc_id FROM search_docs WHERE product_id = new.id),
		new.title,
		new.brand,
		(SELECT group_concat(a.name, ' ') FROM categories c JOIN categories a
			ON a.id = c.id OR instr(c.path, '/' || a.id || '/') > 0 OR instr(c.path, '/' || a.slug || '/') > 0
			WHERE c.id = new.category_id),
		CASE WHEN json_valid(new.attributes) THEN (SELECT group_concat(value, ' ') FROM json_each(new.attributes)) ELSE '' END,
		new.description
	);
END;
--> statement-breakpoint
-- Only the text columns re-index: the buy-box price and stock a seller changes many times a day
-- are read straight from products at query time, so they never touch the index.
CREATE TRIGGER products_search_au AFTER UPDATE OF title, brand, category_id, attributes, description ON products BEGIN
	DELETE FROM products_fts WHERE rowid = (SELECT doc_id FROM search_docs WHERE product_id = old.id);
	INSERT INTO products_fts(rowid, title, brand, category, attributes, description)
	VALUES (
		(SELECT doc_id FROM search_docs WHERE product_id = new.id),
		new.title,
		new.brand,
		(SELECT group_concat(a.name, ' ') FROM categories c JOIN categories a
			ON a.id = c.id OR instr(c.path, '/' || a.id || '/') > 0 OR instr(c.path, '/' || a.slug || '/') > 0
			WHERE c.id = new.category_id),
		CASE WHEN json_valid(new.attributes) THEN (SELECT group_concat(value, ' ') FROM json_each(new.attributes)) ELSE '' END,
		new.description
	);
END;
--> statement-breakpoint
CREATE TRIGGER products_search_ad AFTER DELETE ON products BEGIN
	DELETE FROM products_fts WHERE rowid = (SELECT doc_id FROM search_docs WHERE product_id = old.id);
	DELETE FROM search_docs WHERE product_id = old.id;
END;
--> statement-breakpoint
-- A renamed or moved category re-indexes its products and its descendants' (a touch of
-- category_id fires products_search_au).
CREATE TRIGGER categories_search_au AFTER UPDATE OF name, path ON categories BEGIN
	UPDATE products SET category_id = category_id
	WHERE category_id IN (SELECT id FROM categories WHERE path LIKE new.path || '%' OR id = new.id);
END;
--> statement-breakpoint
-- Index whatever products exist when this migration runs.
INSERT INTO search_docs(product_id) SELECT id FROM products;
--> statement-breakpoint
INSERT INTO products_fts(rowid, title, brand, category, attributes, description)
SELECT d.doc_id, p.title, p.brand,
	(SELECT group_concat(a.name, ' ') FROM categories c JOIN categories a
		ON a.id = c.id OR instr(c.path, '/' || a.id || '/') > 0 OR instr(c.path, '/' || a.slug || '/') > 0
		WHERE c.id = p.category_id),
	CASE WHEN json_valid(p.attributes) THEN (SELECT group_concat(value, ' ') FROM json_each(p.attributes)) ELSE '' END,
	p.description
FROM products p JOIN search_docs d ON d.product_id = p.id;
