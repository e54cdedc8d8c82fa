-- A user's collaborative candidates, computed ahead of their requests: the items of the highest inner
-- product with their factors in one model version, best first, without the items they had interacted
-- with then (see content_candidates). A list serves only while factors_at equals the user_factor row's
-- updated_at (the factors it was computed from: a fold-in rewrites them).
create table collaborative_candidates (
    model_version_id bigint      not null references model_version (id) on delete cascade,
    user_id          bigint      not null references app_user (id) on delete cascade,
    factors_at       timestamptz not null,
    complete         boolean     not null,
    items            bigint[]    not null,
    scores           real[]      not null,
    computed_at      timestamptz not null default now(),
    primary key (model_version_id, user_id)
);
create index collaborative_candidates_user on collaborative_candidates (user_id);
