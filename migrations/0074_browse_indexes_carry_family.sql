-- Browsing lists each model once (workers/search/search-sql.ts), so every index a browse walks
-- carries the family as well as what filters and facets read: a walk still never reads a row.
DROP INDEX `products_brand_idx`;--> statement-breakpoint
DROP INDEX `products_price_idx`;--> statement-breakpoint
DROP INDEX `products_created_idx`;--> statement-breakpoint
DROP INDEX `products_rating_idx`;--> statement-breakpoint
DROP INDEX `products_rank_idx`;--> statement-breakpoint
CREATE INDEX `products_brand_idx` ON `products` (`brand`,`id`,`category_id`,`price`,`stock_total`,`rating_sum`,`rating_count`,`popularity`,`created_at`,`family`);--> statement-breakpoint
CREATE INDEX `products_price_idx` ON `products` (`price`,`id`,`category_id`,`brand`,`stock_total`,`rating_sum`,`rating_count`,`popularity`,`created_at`,`family`);--> statement-breakpoint
CREATE INDEX `products_created_idx` ON `products` ("created_at" DESC,`id`,`category_id`,`brand`,`price`,`stock_total`,`rating_sum`,`rating_count`,`popularity`,`family`);--> statement-breakpoint
CREATE INDEX `products_rating_idx` ON `products` ((CASE WHEN "rating_count" > 0 THEN 1.0 * "rating_sum" / "rating_count" END) DESC,"rating_count" DESC,`id`,`category_id`,`brand`,`price`,`stock_total`,`rating_sum`,`popularity`,`created_at`,`family`);--> statement-breakpoint
CREATE INDEX `products_rank_idx` ON `products` (("popularity" * (CASE WHEN "rating_count" > 0 THEN 0.94 + 0.02 * "rating_sum" / "rating_count" ELSE 1.0 END)) DESC,`id`,`category_id`,`brand`,`price`,`stock_total`,`rating_sum`,`rating_count`,`popularity`,`created_at`,`family`);