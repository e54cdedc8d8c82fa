-- The item × item models served as sparse tables (EASE, RP3beta): per model version, source and item,
-- the items its largest weights point to, largest first, weights aligned. One row per item, as
-- item_neighbours, so a model is written and read in a few statements.
create table item_weights (
    model_version_id  bigint       not null references model_version (id) on delete cascade,
    source            varchar(40)  not null check (source in ('ease', 'rp3beta')),
    item_id           bigint       not null references item (id) on delete cascade,
    target_ids        bigint[]     not null,
    weights           real[]       not null,
    primary key (model_version_id, source, item_id),
    check (cardinality(target_ids) = cardinality(weights))
);

-- deleting an item cascades by item_id, which the primary key cannot serve
create index item_weights_item on item_weights (item_id);
