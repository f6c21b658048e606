ALTER TABLE `order_items` ADD `return_requested_at` text;--> statement-breakpoint
-- Lines of orders asked back before the column existed take the time of their order's latest request.
UPDATE `order_items` SET `return_requested_at` = (SELECT MAX(t.`at`) FROM `order_transitions` t
  WHERE t.`order_id` = `order_items`.`order_id` AND t.`to_status` = 'return_requested')
WHERE EXISTS (SELECT 1 FROM `order_transitions` t WHERE t.`order_id` = `order_items`.`order_id` AND t.`to_status` = 'return_requested');--> statement-breakpoint
CREATE INDEX `order_items_seller_returns_idx` ON `order_items` (`seller_id`,`return_requested_at`,`order_id`) WHERE "order_items"."return_requested_at" IS NOT NULL;