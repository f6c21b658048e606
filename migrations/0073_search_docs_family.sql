-- A text search lists each model once, at its best-placed size or colour, so a search for
-- "running shoes" shows running shoes rather than one shoe in every size. It groups its matches
-- by family, which is copied next to each document as the other fields it reads are (0005), so a
-- match costs no lookup in products. The triggers keep the copy in step, a family set after its
-- product was inserted (as the seed does) included.
ALTER TABLE search_docs ADD COLUMN family TEXT;
--> statement-breakpoint
UPDATE search_docs SET family = (SELECT p.family FROM products p WHERE p.id = search_docs.product_id);
--> statement-breakpoint
DROP TRIGGER products_search_ai;
--> statement-breakpoint
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
	INSERT INTO search_docs(product_id, title_lower, brand, category_id, price, stock_total, rating_sum, rating_count, popularity, created_at, family)
	VALUES (new.id, lower(new.title), new.brand, new.category_id, new.price, new.stock_total, new.rating_sum, new.rating_count, new.popularity, new.created_at, new.family);
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
DROP TRIGGER products_search_docs_au;
--> statement-breakpoint
CREATE TRIGGER products_search_docs_au AFTER UPDATE OF title, brand, category_id, price, stock_total, rating_sum, rating_count, popularity, created_at, family ON products BEGIN
	UPDATE search_docs SET
		title_lower = lower(new.title), brand = new.brand, category_id = new.category_id, price = new.price,
		stock_total = new.stock_total, rating_sum = new.rating_sum, rating_count = new.rating_count,
		popularity = new.popularity, created_at = new.created_at, family = new.family
	WHERE product_id = new.id;
END;
