-- Every event batch looks for parked marks of its users, to give them a fresh start: a partial index of
-- the parked user marks only keeps that probe next to free, since almost no mark is parked.
create index embedding_queue_parked_user on embedding_queue (entity_id) where parked and kind = 'user';
