package org.openreco.recommender.catalog.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.control.CatalogueCache;
import org.openreco.recommender.catalog.control.SettingsJson;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * A catalogue's id and settings by name for storefront calls: from the cache without an EJB call or a
 * transaction, and when the cache misses with one statement on the request pool, whose short timeouts
 * bound a storefront call's wait on a slow database. On a request that does little else (reading one item)
 * the EJB container's interceptors cost as much as the work.
 */
@ApplicationScoped
public class CatalogueRefs {

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource requests;

    @Inject
    CatalogueCache cache;

    public Optional<CatalogueRef> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.catalogue(name, () -> load(name)));
    }

    public CatalogueRef get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("catalogue '" + name + "' does not exist"));
    }

    private CatalogueRef load(String name) {
        try (var connection = requests.getConnection();
                var select = connection.prepareStatement("select id, name, cast(settings as text) from catalogue where name = ?")) {
            select.setString(1, name);
            try (var row = select.executeQuery()) {
                return row.next() ? new CatalogueRef(row.getLong(1), row.getString(2), SettingsJson.read(row.getString(3))) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up catalogue '" + name + "' failed", e);
        }
    }
}
