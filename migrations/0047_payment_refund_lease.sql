ALTER TABLE `payments` ADD `refund_lease` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `refund_lease_until` text;