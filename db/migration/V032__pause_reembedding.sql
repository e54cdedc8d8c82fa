-- An operator can pause a catalogue's re-embedding (issue 4's leftovers): a row here keeps the batches
-- away from the catalogue while its queue marks keep accumulating; deleting the row resumes, and the
-- next batches drain what piled up. A table of its own so the catalogue entity stays as it is.
create table embedding_pause (
    catalogue_id bigint      primary key references catalogue (id) on delete cascade,
    paused_at    timestamptz not null default now()
);
