DROP INDEX `orders_status_idx`;--> statement-breakpoint
CREATE INDEX `orders_status_created_idx` ON `orders` (`status`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `order_items` ADD `created_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `order_items` SET `created_at` = (SELECT `created_at` FROM `orders` WHERE `orders`.`id` = `order_items`.`order_id`) WHERE EXISTS (SELECT 1 FROM `orders` WHERE `orders`.`id` = `order_items`.`order_id`);--> statement-breakpoint
CREATE INDEX `order_items_seller_idx` ON `order_items` (`seller_id`,`created_at`,`order_id`);
