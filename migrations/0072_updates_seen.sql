ALTER TABLE `users` ADD `updates_seen_at` text;--> statement-breakpoint
-- Accounts that already had messages start with them read, rather than every one of them new at once.
UPDATE `users` SET `updates_seen_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
