DROP INDEX `reviews_product_rating_idx`;--> statement-breakpoint
CREATE INDEX `reviews_product_rating_idx` ON `reviews` (`product_id`,`rating`,`created_at`,`id`);