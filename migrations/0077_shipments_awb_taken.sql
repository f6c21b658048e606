-- One parcel, one order: a courier's AWB that is another order's shipment now (its latest row)
-- is refused by the database itself, so two ops shipping two orders with one number at the same
-- moment cannot both pass the application's check. The batch that ships the order aborts whole.
CREATE TRIGGER shipments_awb_taken BEFORE INSERT ON shipments
WHEN EXISTS (
	SELECT 1 FROM shipments s
	WHERE s.carrier = new.carrier AND s.tracking_number = new.tracking_number AND s.order_id != new.order_id
		AND (new.carrier_name IS NULL OR lower(s.carrier_name) = lower(new.carrier_name))
		AND s.id = (SELECT MAX(id) FROM shipments WHERE order_id = s.order_id)
)
BEGIN
	SELECT RAISE(ABORT, 'awb_taken');
END;
