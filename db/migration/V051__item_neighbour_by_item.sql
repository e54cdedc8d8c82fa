-- Deleting an item cascades to item_neighbour by item_id, which V050's primary key
-- (model_version_id, item_id, neighbour_id) cannot serve: without this index every deleted item
-- scanned all neighbour rows (deleting a 9,742-item catalogue with two trained versions took minutes
-- and held locks the re-embedding batches waited for).
create index item_neighbour_item on item_neighbour (item_id);
