ALTER TABLE `deals` ADD `sold_units` integer;--> statement-breakpoint
ALTER TABLE `deals` ADD `returned_units` integer;--> statement-breakpoint
-- Hand-written backfill, kept after the generated statements so it can be carried over if the
-- migration is generated again under another number. Deals that ended before their figures were
-- recorded get them from the ledger's journal, as the deal's results read them: what its gate
-- journaled as sold and as returned to stock (refs `<deal>#<seq>`, one range of the journal's
-- unique index each). A deal whose gate still owed the ledger journal rows is corrected when the
-- minute cron settles it.
UPDATE `deals` SET
  `sold_units` = (SELECT COALESCE(SUM(`d_sold`), 0) FROM `inventory_journal`
                  WHERE `ref` > `deals`.`id` || '#' AND `ref` < `deals`.`id` || '$' AND `kind` = 'deal_sale'),
  `returned_units` = (SELECT COALESCE(SUM(`d_available`), 0) FROM `inventory_journal`
                      WHERE `ref` > `deals`.`id` || '#' AND `ref` < `deals`.`id` || '$' AND `kind` = 'deal_return')
WHERE `status` = 'ended' AND `sold_units` IS NULL;
