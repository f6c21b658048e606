CREATE TABLE `invoice_counters` (
	`seller_id` text NOT NULL,
	`financial_year` text NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`seller_id`, `financial_year`)
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`invoice_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`listing_id` text NOT NULL,
	`title` text NOT NULL,
	`qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`rate` integer NOT NULL,
	`taxable` integer NOT NULL,
	`cgst` integer NOT NULL,
	`sgst` integer NOT NULL,
	`igst` integer NOT NULL,
	PRIMARY KEY(`invoice_id`, `line_no`),
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`financial_year` text NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` text NOT NULL,
	`seller_name` text NOT NULL,
	`seller_gstin` text NOT NULL,
	`place_of_supply` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_seller_seq_uq` ON `invoices` (`seller_id`,`financial_year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_order_seller_uq` ON `invoices` (`order_id`,`seller_id`);--> statement-breakpoint
ALTER TABLE `categories` ADD `gst_rate` integer;--> statement-breakpoint
ALTER TABLE `categories` ADD `gst_rate_above_band` integer;--> statement-breakpoint
ALTER TABLE `sellers` ADD `gstin` text;
--> statement-breakpoint
-- Sellers of an older database register for GST in their city's state (Maharashtra where the city is not
-- known), under the demo scheme of scripts/catalog/gstin.mjs: the n-th seller gets what the generator gives
-- the n-th. First the 14 characters the check character is computed from...
UPDATE `sellers` SET `gstin` = (CASE `city` WHEN 'Mumbai' THEN '27' WHEN 'Pune' THEN '27' WHEN 'Delhi' THEN '07' WHEN 'Bengaluru' THEN '29' WHEN 'Chennai' THEN '33' WHEN 'Kolkata' THEN '19' WHEN 'Hyderabad' THEN '36' WHEN 'Ahmedabad' THEN '24' WHEN 'Surat' THEN '24' WHEN 'Jaipur' THEN '08' WHEN 'Lucknow' THEN '09' WHEN 'Indore' THEN '23' WHEN 'Kochi' THEN '32' ELSE '27' END)
  || 'BZRC' || (CASE WHEN upper(substr(`name`, 1, 1)) BETWEEN 'A' AND 'Z' THEN upper(substr(`name`, 1, 1)) ELSE 'X' END)
  || printf('%04d', (`rowid` - 1) % 9999 + 1) || char(65 + `rowid` % 26) || '1Z'
WHERE `gstin` IS NULL;
--> statement-breakpoint
-- ...then the check character: each base-36 value, every second one doubled, base-36 digits summed (mod 36).
UPDATE `sellers` SET `gstin` = `gstin` || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (36 - (
    (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 1, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 2, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 2, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 3, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 4, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 4, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 5, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 6, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 6, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 7, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 8, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 8, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 9, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 10, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 10, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 11, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 12, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 12, 1)) - 1)) % 36
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 13, 1)) - 1) % 36
    + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 14, 1)) - 1)) / 36 + (2 * (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(`gstin`, 14, 1)) - 1)) % 36
  ) % 36) % 36 + 1, 1)
WHERE length(`gstin`) = 14;
--> statement-breakpoint
-- The demo catalog's categories take the rates scripts/catalog/taxonomy.mjs gives them (GST_RATES).
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'electronics';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'televisions';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'appliances';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'air-conditioners';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'dishwashers';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'fashion';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = 18 WHERE `slug` = 'mens-clothing';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = 18 WHERE `slug` = 'womens-clothing';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = 18 WHERE `slug` = 'shoes';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = NULL WHERE `slug` = 'home-kitchen';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'furnishing';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = NULL WHERE `slug` = 'grocery';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = NULL WHERE `slug` = 'tea-coffee-snacks';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 5, `gst_rate_above_band` = NULL WHERE `slug` = 'sports-toys';
--> statement-breakpoint
UPDATE `categories` SET `gst_rate` = 18, `gst_rate_above_band` = NULL WHERE `slug` = 'office-books';
