-- A search reads every matching document's filter, facet and ranking fields. Copied next to the
-- document number, they cost no further lookup; read from products, each match paid two more
-- B-tree seeks (the id index, then the row), most of a broad query's time. Triggers keep the copy
-- in step in the same statement that changes a product, so search never sees an older price.
ALTER TABLE search_docs ADD COLUMN title_lower TEXT NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN brand TEXT NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN category_id TEXT NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN price INTEGER;
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN stock_total INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN popularity INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE search_docs ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
--> statement-breakpoint
UPDATE search_docs SET (title_lower, brand, category_id, price, stock_total, rating_sum, rating_count, popularity, created_at) =
	(SELECT lower(p.title), p.brand, p.category_id, p.price, p.stock_total, p.rating_sum, p.rating_count, p.popularity, p.created_at
	 FROM products p WHERE p.id = search_docs.product_id);
--> statement-breakpoint
DROP TRIGGER products_search_ai;
--> statement-breakpoint
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
	INSERT INTO search_docs(product_id, title_lower, brand, category_id, price, stock_total, rating_sum, rating_count, popularity, created_at)
	VALUES (new.id, lower(new.title), new.brand, new.category_id, new.price, new.stock_total, new.rating_sum, new.rating_count, new.popularity, new.created_at);
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
-- Price, stock, ratings and popularity change many times a day; they update this row only, never the index.
CREATE TRIGGER products_search_docs_au AFTER UPDATE OF title, brand, category_id, price, stock_total, rating_sum, rating_count, popularity, created_at ON products BEGIN
	UPDATE search_docs SET
		title_lower = lower(new.title), brand = new.brand, category_id = new.category_id, price = new.price,
		stock_total = new.stock_total, rating_sum = new.rating_sum, rating_count = new.rating_count,
		popularity = new.popularity, created_at = new.created_at
	WHERE product_id = new.id;
END;
