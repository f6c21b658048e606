ALTER TABLE `listings` ADD `low_stock_at` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `low_stock_notified_at` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `sold_out_notified_at` text;--> statement-breakpoint
CREATE INDEX `listings_seller_low_idx` ON `listings` (`seller_id`,`id`) WHERE "listings"."low_stock_notified_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `user_roles_seller_idx` ON `user_roles` (`seller_id`) WHERE "user_roles"."seller_id" IS NOT NULL;--> statement-breakpoint
-- Listings already at or below the new default line count as told: a seller hears of the next
-- crossing, not of every listing that was low before alerts existed.
UPDATE `listings` SET
  `low_stock_notified_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  `sold_out_notified_at` = CASE WHEN (SELECT COALESCE(SUM(`available`), 0) FROM `inventory` WHERE `sku_id` = `listings`.`id`) <= 0
    THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END
WHERE (SELECT COALESCE(SUM(`available`), 0) FROM `inventory` WHERE `sku_id` = `listings`.`id`) <= `low_stock_at`;
