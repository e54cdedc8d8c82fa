-- Trained collaborative models (issue 6): factors and item neighbours per model version, so that a
-- retired version can be re-activated without retraining, and evaluation runs tied to the version
-- they judged.
--
-- V001's single-version columns item.cf_factors / app_user.cf_factors (vector(64)) are replaced by
-- tables keyed by model version. Factors are stored zero-padded to 128 dimensions: an HNSW index
-- needs one dimension per column, and padding leaves every inner product unchanged, so a model of
-- any size up to 128 factors shares the one inner-product index.

drop index item_cf_factors_hnsw;
drop index item_cf_model_version;
alter table item drop column cf_factors, drop column cf_model_version_id;
alter table app_user drop column cf_factors, drop column cf_model_version_id;

alter table model_version
    -- what started it: api, console, schedule
    add column triggered_by      varchar(20) not null default 'api'
                                 check (triggered_by in ('api', 'console', 'schedule')),
    -- the Jakarta Batch execution that trains it (JBeret's job repository holds its history)
    add column job_execution_id  bigint,
    -- live progress while training: {"phase": "als", "epoch": 3, "epochs": 15, "loss": [..]}
    add column progress          jsonb       not null default '{}' check (jsonb_typeof(progress) = 'object'),
    -- the data it was trained on
    add column users             integer     check (users >= 0),
    add column items             integer     check (items >= 0),
    add column interactions      bigint      check (interactions >= 0),
    -- number of factors actually used (≤ 128; the stored vectors are zero-padded)
    add column factors           integer     check (factors between 1 and 128),
    add column activated_at      timestamptz;

create table item_factor (
    model_version_id  bigint       not null references model_version (id) on delete cascade,
    item_id           bigint       not null references item (id) on delete cascade,
    factors           vector(128)  not null,
    primary key (model_version_id, item_id)
);

-- Collaborative candidates: WHERE model_version_id = ? ORDER BY factors <#> :user_factors
-- (maximum inner product), with hnsw.iterative_scan so the version filter still returns k rows.
create index item_factor_hnsw on item_factor using hnsw (factors vector_ip_ops);
create index item_factor_item on item_factor (item_id);

create table user_factor (
    model_version_id   bigint       not null references model_version (id) on delete cascade,
    user_id            bigint       not null references app_user (id) on delete cascade,
    factors            vector(128)  not null,
    -- the newest interaction id folded in: trained rows, then the re-embedding batches' fold-ins
    folded_through_id  bigint       not null default 0,
    updated_at         timestamptz  not null default now(),
    primary key (model_version_id, user_id)
);

create index user_factor_user on user_factor (user_id);

-- Item-to-item neighbours of a version (cosine item-kNN on interactions), best first per item.
create table item_neighbour (
    model_version_id  bigint  not null references model_version (id) on delete cascade,
    item_id           bigint  not null references item (id) on delete cascade,
    neighbour_id      bigint  not null references item (id) on delete cascade,
    similarity        real    not null,
    primary key (model_version_id, item_id, neighbour_id)
);

create index item_neighbour_neighbour on item_neighbour (neighbour_id);

alter table evaluation_run
    -- the model version it judged (null: a stand-alone evaluation)
    add column model_version_id  bigint      references model_version (id) on delete set null,
    add column status            varchar(20) not null default 'finished'
                                 check (status in ('running', 'finished', 'failed')),
    add column error             text,
    -- counts of the data and the split: {"users": .., "items": .., "train": .., "test": ..}
    add column data              jsonb       not null default '{}' check (jsonb_typeof(data) = 'object'),
    -- recall of content vs. collaborative on items whose interactions are all in the test split
    add column cold_start        jsonb;

create index evaluation_run_model_version on evaluation_run (model_version_id) where model_version_id is not null;
