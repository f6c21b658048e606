DROP INDEX `deals_idempotency_key_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `deals_creator_idem_uq` ON `deals` (`created_by`,`idempotency_key`);