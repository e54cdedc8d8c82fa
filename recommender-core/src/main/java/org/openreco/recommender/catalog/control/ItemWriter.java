package org.openreco.recommender.catalog.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.catalog.entity.Item;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.InputChecks;

/**
 * Validates items and upserts them by external id with one JDBC batch: one round trip per
 * 1,000 items instead of a select and a merge per item. Fields left null keep the stored value;
 * an update that changes nothing writes nothing (a re-import leaves no dead rows and no marks).
 */
public final class ItemWriter {

    public static final int MAX_CATEGORIES = 100;
    public static final int MAX_TAGS = 500;
    public static final int LABEL_MAX_LENGTH = 200;

    private static final String UPSERT = """
            insert into item as i (catalogue_id, external_id, title, description, categories, tags,
                                   attributes, available, published_at)
            values (?, ?, ?, ?, coalesce(?, '{}'::text[]), coalesce(?, '{}'::text[]),
                    coalesce(cast(? as jsonb), '{}'::jsonb), coalesce(?, true), ?)
            on conflict (catalogue_id, external_id) do update set
                title = excluded.title,
                description = coalesce(excluded.description, i.description),
                categories = coalesce(?, i.categories),
                tags = coalesce(?, i.tags),
                attributes = coalesce(cast(? as jsonb), i.attributes),
                available = coalesce(?, i.available),
                published_at = coalesce(excluded.published_at, i.published_at),
                updated_at = now()
            where (i.title, i.description, i.categories, i.tags, i.attributes, i.available, i.published_at)
                is distinct from
                  (excluded.title, coalesce(excluded.description, i.description), coalesce(?, i.categories),
                   coalesce(?, i.tags), coalesce(cast(? as jsonb), i.attributes), coalesce(?, i.available),
                   coalesce(excluded.published_at, i.published_at))""";

    private ItemWriter() {
    }

    /** The first rule the item breaks, as a rejected element, or null when it may be stored. */
    public static BatchResult.Element problem(int index, ItemData item) {
        if (item == null) {
            return BatchResult.Element.rejected(index, "item", "is null");
        }
        String[][] checks = {
                {"externalId", InputChecks.externalId(item.externalId())},
                {"title", item.title() == null || item.title().isBlank() ? "is required"
                        : InputChecks.text(item.title(), Item.TITLE_MAX_LENGTH)},
                {"description", InputChecks.longText(item.description())},
                {"categories", InputChecks.labels(item.categories(), MAX_CATEGORIES, LABEL_MAX_LENGTH)},
                {"tags", InputChecks.labels(item.tags(), MAX_TAGS, LABEL_MAX_LENGTH)},
                {"attributes", InputChecks.jsonObject(item.attributes())},
                {"publishedAt", InputChecks.instant(item.publishedAt())}};
        for (String[] check : checks) {
            if (check[1] != null) {
                return BatchResult.Element.rejected(index, check[0], check[1]);
            }
        }
        return null;
    }

    /** Upserts valid items in order (a later element with the same external id wins). */
    public static void upsert(Connection connection, long catalogueId, List<ItemData> items) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            // in external-id order (stable, so a later duplicate still wins): concurrent batches then lock
            // rows in the same order and cannot deadlock each other
            var ordered = new ArrayList<>(items);
            ordered.sort(Comparator.comparing(ItemData::externalId));
            for (ItemData item : ordered) {
                Array categories = array(connection, item.categories());
                Array tags = array(connection, item.tags());
                int p = 1;
                upsert.setLong(p++, catalogueId);
                upsert.setString(p++, item.externalId());
                upsert.setString(p++, item.title());
                upsert.setString(p++, item.description());
                p = item(upsert, p, categories, tags, item);
                upsert.setObject(p++, item.publishedAt() == null ? null : item.publishedAt().atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                p = item(upsert, p, categories, tags, item);
                item(upsert, p, categories, tags, item);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Sets categories, tags, attributes, available from p on; returns the next index. */
    private static int item(PreparedStatement statement, int p, Array categories, Array tags, ItemData item)
            throws SQLException {
        statement.setArray(p++, categories);
        statement.setArray(p++, tags);
        statement.setString(p++, item.attributes());
        statement.setObject(p++, item.available(), Types.BOOLEAN);
        return p;
    }

    private static Array array(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray(String[]::new));
    }
}
