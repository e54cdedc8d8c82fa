package org.openreco.recommender.catalog.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.entity.Item;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * One item for a storefront call: one statement in auto-commit on the request pool, outside the EJB
 * container and the persistence context, which together cost several times the read itself.
 */
@ApplicationScoped
public class ItemReads {

    private static final String SELECT = """
            select id, external_id, title, description, categories, tags, attributes::text, available,
                   published_at, created_at, updated_at
            from item where catalogue_id = ? and external_id = ?""";

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource requests;

    @Inject
    CatalogueRefs catalogues;

    public Optional<Item> find(String catalogue, String externalId) {
        long catalogueId = catalogues.get(catalogue).id();
        try (var connection = requests.getConnection(); var select = connection.prepareStatement(SELECT)) {
            select.setLong(1, catalogueId);
            select.setString(2, externalId);
            try (var row = select.executeQuery()) {
                return row.next() ? Optional.of(item(catalogueId, row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading item '" + externalId + "' failed", e);
        }
    }

    public Item get(String catalogue, String externalId) {
        return find(catalogue, externalId).orElseThrow(() -> new NotFoundException(
                "item '" + externalId + "' does not exist in catalogue '" + catalogue + "'"));
    }

    private static Item item(long catalogueId, ResultSet row) throws SQLException {
        return Item.read(row.getLong(1), catalogueId, row.getString(2), row.getString(3), row.getString(4),
                texts(row.getArray(5)), texts(row.getArray(6)), row.getString(7), row.getBoolean(8),
                instant(row.getTimestamp(9)), instant(row.getTimestamp(10)), instant(row.getTimestamp(11)));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
