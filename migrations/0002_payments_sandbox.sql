CREATE TABLE `payment_mismatches` (
	`payment_id` text NOT NULL,
	`kind` text NOT NULL,
	`ours` text NOT NULL,
	`theirs` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	PRIMARY KEY(`payment_id`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `psp_operations` (
	`key` text PRIMARY KEY NOT NULL,
	`op` text NOT NULL,
	`ref` text NOT NULL,
	`result` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `psp_payments` (
	`ref` text PRIMARY KEY NOT NULL,
	`merchant_ref` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`captured_amount` integer DEFAULT 0 NOT NULL,
	`refunded_amount` integer DEFAULT 0 NOT NULL,
	`return_url` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `psp_payments_merchant_idx` ON `psp_payments` (`merchant_ref`);--> statement-breakpoint
CREATE INDEX `psp_payments_updated_idx` ON `psp_payments` (`updated_at`);--> statement-breakpoint
CREATE TABLE `psp_settings` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
