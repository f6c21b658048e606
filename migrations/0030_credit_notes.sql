CREATE TABLE `credit_note_counters` (
	`seller_id` text NOT NULL,
	`financial_year` text NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`seller_id`, `financial_year`)
);
--> statement-breakpoint
CREATE TABLE `credit_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`seller_id` text NOT NULL,
	`financial_year` text NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_seller_seq_uq` ON `credit_notes` (`seller_id`,`financial_year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_invoice_uq` ON `credit_notes` (`invoice_id`);