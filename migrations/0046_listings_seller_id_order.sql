DROP INDEX `listings_seller_idx`;--> statement-breakpoint
CREATE INDEX `listings_seller_idx` ON `listings` (`seller_id`,`id`);