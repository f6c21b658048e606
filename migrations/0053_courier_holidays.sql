CREATE TABLE `courier_holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`added_by` text,
	`added_at` text NOT NULL,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The festival dates the code held until now, so every estimate reads as it did before.
INSERT INTO `courier_holidays` (`date`, `name`, `added_by`, `added_at`) VALUES
	('2026-03-04', 'Holi', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	('2026-11-08', 'Diwali', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	('2027-03-22', 'Holi', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	('2027-10-29', 'Diwali', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
