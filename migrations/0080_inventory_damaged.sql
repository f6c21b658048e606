ALTER TABLE `inventory` ADD `damaged` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inventory_journal` ADD `d_damaged` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Damaged returns booked before this counter moved none: their units are those the line was asked
-- back for (all of it where the line predates partial returns), found by the journal row's ref.
UPDATE `inventory_journal` SET `d_damaged` = COALESCE((
  SELECT COALESCE(i.return_quantity, i.qty) FROM `order_items` i
  WHERE i.order_id = substr(`inventory_journal`.ref, 1, instr(`inventory_journal`.ref, ':return:') - 1)
    AND i.listing_id = substr(`inventory_journal`.ref, instr(`inventory_journal`.ref, ':return:') + 8)
), 0)
WHERE `kind` = 'return' AND `reason` = 'returned damaged: kept off sale' AND instr(`ref`, ':return:') > 0;--> statement-breakpoint
UPDATE `inventory` SET `damaged` = (
  SELECT COALESCE(SUM(j.d_damaged), 0) FROM `inventory_journal` j
  WHERE j.sku_id = `inventory`.sku_id AND j.warehouse_id = `inventory`.warehouse_id
)
WHERE EXISTS (SELECT 1 FROM `inventory_journal` j WHERE j.sku_id = `inventory`.sku_id AND j.kind = 'return' AND j.d_damaged > 0);
