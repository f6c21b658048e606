CREATE TABLE `credit_note_lines` (
	`credit_note_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`listing_id` text NOT NULL,
	`title` text NOT NULL,
	`qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`rate` integer NOT NULL,
	`hsn` text,
	`taxable` integer NOT NULL,
	`cgst` integer NOT NULL,
	`sgst` integer NOT NULL,
	`igst` integer NOT NULL,
	PRIMARY KEY(`credit_note_id`, `line_no`),
	FOREIGN KEY (`credit_note_id`) REFERENCES `credit_notes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `order_items` ADD `return_quantity` integer;--> statement-breakpoint
-- Before this migration a return always took the whole order: every line asked back is asked back whole.
UPDATE `order_items` SET `return_quantity` = `qty` WHERE `return_requested_at` IS NOT NULL;
--> statement-breakpoint
-- Every credit note so far cancelled its invoice in full: its lines are its invoice's.
INSERT INTO `credit_note_lines` (`credit_note_id`, `line_no`, `listing_id`, `title`, `qty`, `unit_price`, `rate`, `hsn`, `taxable`, `cgst`, `sgst`, `igst`)
SELECT n.`id`, l.`line_no`, l.`listing_id`, l.`title`, l.`qty`, l.`unit_price`, l.`rate`, l.`hsn`, l.`taxable`, l.`cgst`, l.`sgst`, l.`igst`
FROM `credit_notes` n JOIN `invoice_lines` l ON l.`invoice_id` = n.`invoice_id`;
