ALTER TABLE `inventory_journal` ADD `version_after` integer;--> statement-breakpoint
-- Each stock's latest entry is its current version: a bulk template downloaded before this
-- migration can then still be matched to its figures once the stock moves again.
UPDATE `inventory_journal` SET `version_after` = (
  SELECT i.version FROM `inventory` i
  WHERE i.sku_id = `inventory_journal`.sku_id AND i.warehouse_id = `inventory_journal`.warehouse_id
)
WHERE `id` IN (SELECT MAX(`id`) FROM `inventory_journal` GROUP BY `sku_id`, `warehouse_id`);
