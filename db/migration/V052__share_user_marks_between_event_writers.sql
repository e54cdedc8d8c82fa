-- Event writers no longer lock their users' queue marks (V030's DO UPDATE): two concurrent batches that
-- shared a single user waited for each other's whole transaction (a third of the backends' time in
-- Lock:transactionid at 4 senders, measured with pg_stat_activity during bin/benchmark-ingest).
-- Instead, a writer holds a SHARED transaction-level advisory lock per user while it allocates the
-- events' ids (writers never wait for each other), and a worker claims a user mark only when it gets
-- the EXCLUSIVE lock without waiting (passed by, like SKIP LOCKED, while a writer is in flight). So a
-- worker still never folds a user whose events are being written, and the per-user id watermark
-- (UserVectors) stays safe. A writer that meets a worker folding the user waits for it, as before.
-- The key is (class, low 31 bits of the user id): ids that share the low bits only wait or skip
-- needlessly, never unsafely.
create function lock_users_for_events(user_ids bigint[]) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(1970168181, (u & 2147483647)::int)
       from unnest(user_ids) as u order by u;
end
$$;

create function try_claim_user(user_id bigint) returns boolean language sql volatile as $$
    select pg_try_advisory_xact_lock(1970168181, (user_id & 2147483647)::int)
$$;
