-- Every event insert checked interaction.catalogue_id against the one catalogue row, so all
-- concurrent ingest transactions took a FOR KEY SHARE lock on that same row (multixacts, the
-- costliest part of an events batch). The user and item foreign keys already tie each event to rows
-- of its catalogue, and deleting a catalogue still removes its events through them (catalogue ->
-- app_user/item -> interaction, all on delete cascade). Measured with bin/benchmark-ingest on 2
-- cores: batch 100 from 4,633 to 7,886 events/s, p99 304 -> 99 ms; batch 1,000 from 21,935 to 24,397.
alter table interaction drop constraint if exists interaction_catalogue_id_fkey;
