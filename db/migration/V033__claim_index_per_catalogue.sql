-- A batch claims the oldest due marks of ONE catalogue, but the V001 claim index is ordered by
-- next_attempt_at across all catalogues: behind a paused catalogue's (or a big import's) backlog of
-- 100,000 marks, every claim of another catalogue walked those rows first (51 ms a claim on average,
-- up to 290 ms, measured with pg_stat_statements during the lag benchmark). Per catalogue instead.
create index embedding_queue_catalogue_claim on embedding_queue (catalogue_id, next_attempt_at) where not parked;
drop index embedding_queue_claim;
