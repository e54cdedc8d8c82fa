-- Every answer reads the user's interacted items (left out of their list) and their 50 most recent
-- positive ones: with the items and weights in the index, both are index-only scans instead of one heap
-- fetch per event (ml-latest-small's busiest user: 2,179 buffers for 2,698 events). The same index,
-- wider, so ingest keeps one index per event on this key.
create index interaction_user_occurred_covering on interaction (user_id, occurred_at desc) include (item_id, weight, id);
drop index interaction_user_occurred;
alter index interaction_user_occurred_covering rename to interaction_user_occurred;
