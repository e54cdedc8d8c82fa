-- A user's content candidates, computed ahead of their requests: the items nearest their taste vector
-- in one embedding generation, best first, without the items they had interacted with then. Serving
-- reads them with the user instead of scanning or searching every item's vector per answer. A list
-- serves only while taste_at equals the user vector's embedded_at (the taste it was computed from);
-- complete means it holds every such item, so no filter can leave a request short of candidates.
-- items_stamp is the catalogue's items as the list saw them: a different one asks for a refresh.
create table content_candidates (
    generation_id bigint      not null references embedding_generation (id) on delete cascade,
    user_id       bigint      not null references app_user (id) on delete cascade,
    taste_at      timestamptz not null,
    items_stamp   text        not null,
    complete      boolean     not null,
    items         bigint[]    not null,
    scores        real[]      not null,
    computed_at   timestamptz not null default now(),
    primary key (generation_id, user_id)
);
create index content_candidates_user on content_candidates (user_id);
