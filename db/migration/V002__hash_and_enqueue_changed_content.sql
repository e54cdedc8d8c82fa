-- Content hashes and re-embedding marks, kept by the database so that every writer (storefront
-- upserts, bulk import, items created on the fly by events) gets them without repeating the rule.

-- The hash of the text an item's embedding is made from: title, description, categories, tags
-- (separated by control characters that cannot blur one field into the next).
create function item_content_hash() returns trigger language plpgsql as $$
begin
    new.content_hash := encode(sha256(convert_to(concat_ws(chr(31),
            new.title, coalesce(new.description, ''),
            array_to_string(new.categories, chr(30)), array_to_string(new.tags, chr(30))), 'UTF8')), 'hex');
    return new;
end
$$;

create trigger item_content_hash
    before insert or update of title, description, categories, tags on item
    for each row execute function item_content_hash();

-- A new item, or one whose text changed, is marked dirty; an unchanged re-import marks nothing.
-- Repeated marks coalesce (see embedding_queue in V001).
create function item_mark_dirty() returns trigger language plpgsql as $$
begin
    insert into embedding_queue (catalogue_id, kind, entity_id)
    values (new.catalogue_id, 'item', new.id)
    on conflict (kind, entity_id) do nothing;
    return null;
end
$$;

create trigger item_mark_dirty_inserted
    after insert on item
    for each row execute function item_mark_dirty();

create trigger item_mark_dirty_changed
    after update on item
    for each row when (old.content_hash is distinct from new.content_hash)
    execute function item_mark_dirty();

-- A user's content vector blends in the profile text: a new or changed one marks the user dirty
-- (events mark users dirty themselves).
create function app_user_mark_dirty() returns trigger language plpgsql as $$
begin
    insert into embedding_queue (catalogue_id, kind, entity_id)
    values (new.catalogue_id, 'user', new.id)
    on conflict (kind, entity_id) do nothing;
    return null;
end
$$;

create trigger app_user_mark_dirty_inserted
    after insert on app_user
    for each row when (new.profile_text is not null)
    execute function app_user_mark_dirty();

create trigger app_user_mark_dirty_changed
    after update on app_user
    for each row when (old.profile_text is distinct from new.profile_text)
    execute function app_user_mark_dirty();
