DROP INDEX `products_family_idx`;--> statement-breakpoint
CREATE INDEX `products_family_idx` ON `products` (`family`,`id`,`attributes`);