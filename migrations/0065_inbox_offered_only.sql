CREATE INDEX `question_inbox_product_idx` ON `question_inbox` (`seller_id`,`product_id`) WHERE "question_inbox"."answered_at" IS NULL;--> statement-breakpoint
-- The inbox now holds a seller's unanswered questions only while it offers their product: a listing
-- switched off takes its rows, and switching it back on puts its recent ones back. Rows left by
-- listings switched off (or created off) before go, so the reads need not skip them.
DELETE FROM `question_inbox`
WHERE `answered_at` IS NULL
	AND NOT EXISTS (
		SELECT 1 FROM `listings` l
		WHERE l.`product_id` = `question_inbox`.`product_id` AND l.`seller_id` = `question_inbox`.`seller_id` AND l.`active` = 1
	);
