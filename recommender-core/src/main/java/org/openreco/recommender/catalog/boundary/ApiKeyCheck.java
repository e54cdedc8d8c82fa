package org.openreco.recommender.catalog.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.control.CatalogueCache;

/**
 * What a key presented by a storefront call is worth for the catalogue in its path. Runs on every
 * storefront request, so it answers from the cache, outside the EJB container, and reaches the database
 * (the request pool) only for a key or catalogue it has not seen within the cache's lifetime.
 */
@ApplicationScoped
public class ApiKeyCheck {

    /** What a presented key is worth for a catalogue. */
    public enum Outcome { VALID, UNKNOWN_CATALOGUE, INVALID, OTHER_CATALOGUE }

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource requests;

    @Inject
    CatalogueRefs catalogues;

    @Inject
    CatalogueCache cache;

    public Outcome check(String catalogue, String key) {
        var owner = catalogues.find(catalogue);
        if (owner.isEmpty()) {
            return Outcome.UNKNOWN_CATALOGUE;
        }
        if (key == null || key.length() <= ApiKeys.PREFIX_LENGTH || !key.startsWith(ApiKeys.KEY_START)) {
            return Outcome.INVALID;
        }
        String hash = ApiKeys.hash(key);
        var keyOwner = cache.key(hash, () -> lookUp(key.substring(0, ApiKeys.PREFIX_LENGTH), hash));
        if (keyOwner == null) {
            return Outcome.INVALID;
        }
        return keyOwner.catalogueId() == owner.get().id() ? Outcome.VALID : Outcome.OTHER_CATALOGUE;
    }

    /**
     * The catalogue a valid, unrevoked key with this prefix and hash opens, or null. On the request pool,
     * whose short statement timeout keeps a storefront call from waiting long on a slow database.
     */
    private CatalogueCache.KeyOwner lookUp(String prefix, String hash) {
        try (var connection = requests.getConnection();
                var select = connection.prepareStatement("select catalogue_id, key_hash, revoked_at is not null from api_key where prefix = ?")) {
            select.setString(1, prefix);
            try (var row = select.executeQuery()) {
                if (!row.next() || row.getBoolean(3) || !MessageDigest.isEqual(
                        row.getString(2).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
                    return null;
                }
                return new CatalogueCache.KeyOwner(row.getLong(1), prefix);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up an API key failed", e);
        }
    }
}
