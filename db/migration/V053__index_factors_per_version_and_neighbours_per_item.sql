-- Storing a trained version cost most of a training (issue 6: 8 s of 17.9 s for ml-latest-small's
-- 8,452 items, and the neighbours finished 2.7 s after that):
--
-- * Inserting the item factors row by row into V050's one shared HNSW index searched the graph of
--   every version's rows for each insert. Each version now gets a partial HNSW index of its own,
--   built in one pass after its rows are loaded (ModelStore.indexItemFactors: ~1.8 s for 8,452
--   vectors) and dropped with its factors. Serving names the version as a literal so the planner
--   matches the partial index, and no longer scans past other versions' rows.
-- * V050's item_neighbour held one row per (item, neighbour): 422,600 rows for 50 neighbours each,
--   whose three foreign-key checks per row took 12 s of a 12 s insert (2.9 s without them). A row now
--   holds an item's neighbours best first as arrays. The neighbours lose their foreign key: serving
--   joins them to item, so a deleted item simply stops being proposed; the item a row belongs to
--   keeps its cascade.

drop index item_factor_hnsw;

do $$
declare
    version bigint;
begin
    -- the versions read into an array first: an index cannot be built while a loop's query reads the table
    foreach version in array (select coalesce(array_agg(distinct model_version_id), '{}') from item_factor) loop
        execute format('create index item_factor_hnsw_v%s on item_factor using hnsw (factors vector_ip_ops)'
                       ' where model_version_id = %s', version, version);
    end loop;
end
$$;

create table item_neighbours (
    model_version_id  bigint    not null references model_version (id) on delete cascade,
    item_id           bigint    not null references item (id) on delete cascade,
    -- most similar first; similarities aligned with neighbour_ids
    neighbour_ids     bigint[]  not null,
    similarities      real[]    not null,
    primary key (model_version_id, item_id),
    check (cardinality(neighbour_ids) = cardinality(similarities))
);

-- deleting an item cascades by item_id, which the primary key cannot serve (see V051)
create index item_neighbours_item on item_neighbours (item_id);

insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
select model_version_id, item_id,
       array_agg(neighbour_id order by similarity desc, neighbour_id),
       array_agg(similarity order by similarity desc, neighbour_id)
  from item_neighbour
 group by model_version_id, item_id;

drop table item_neighbour;
