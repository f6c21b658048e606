ALTER TABLE `orders` ADD `invoices_owed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_invoices_owed_idx` ON `orders` (`created_at`,`id`) WHERE "orders"."invoices_owed" = 1;--> statement-breakpoint
-- Orders that shipped before tax invoicing existed and lack a seller's invoice, or were refunded and
-- lack a credit note for an invoice they have, are flagged for the minute cron's backfill
-- (workers/invoices/backfill.ts), which issues them and clears the flag.
UPDATE `orders` SET `invoices_owed` = 1
WHERE `status` IN ('shipped', 'delivered', 'return_requested', 'refunded', 'return_received')
  AND EXISTS (SELECT 1 FROM `order_transitions` t WHERE t.`order_id` = `orders`.`id` AND t.`to_status` = 'shipped')
  AND (
    EXISTS (SELECT 1 FROM `order_items` i WHERE i.`order_id` = `orders`.`id`
      AND NOT EXISTS (SELECT 1 FROM `invoices` v WHERE v.`order_id` = `orders`.`id` AND v.`seller_id` = i.`seller_id`))
    OR (`status` IN ('refunded', 'return_received') AND EXISTS (SELECT 1 FROM `invoices` v WHERE v.`order_id` = `orders`.`id`
      AND NOT EXISTS (SELECT 1 FROM `credit_notes` n WHERE n.`invoice_id` = v.`id`))));
