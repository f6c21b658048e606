ALTER TABLE `order_items` ADD `ready_to_ship_at` text;--> statement-breakpoint
CREATE INDEX `order_items_seller_to_ship_idx` ON `order_items` (`seller_id`,`ready_to_ship_at`,`order_id`) WHERE "order_items"."ready_to_ship_at" IS NOT NULL;--> statement-breakpoint
-- Orders still to ship when this arrives: ready from the later of their placing and their confirmation.
UPDATE `order_items` SET `ready_to_ship_at` = (
	SELECT MAX(o.`created_at`, COALESCE((SELECT t.`at` FROM `order_transitions` t
		WHERE t.`order_id` = o.`id` AND t.`to_status` = 'confirmed' ORDER BY t.`id` LIMIT 1), o.`created_at`))
	FROM `orders` o WHERE o.`id` = `order_items`.`order_id`
)
WHERE `order_id` IN (SELECT `id` FROM `orders` WHERE `status` IN ('confirmed', 'packed'));
