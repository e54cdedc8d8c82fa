-- A user's 50 most recent positive events are read in (occurred_at desc, id desc) order: with id only
-- included, the index gave occurred_at's order alone, so every answer read all of the user's events and
-- sorted them (ml-latest-small's busiest user: 2,698 rows for 50). With id in the key the read stops after
-- the first 50 positive ones. Still one index per event on this key.
create index interaction_user_recent on interaction (user_id, occurred_at desc, id desc) include (item_id, weight);
drop index interaction_user_occurred;
alter index interaction_user_recent rename to interaction_user_occurred;
