package org.openreco.recommender.recommendations.control;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every source leaves out, as SQL over {@code item i}: unavailable items, items the user already
 * interacted with, excluded ids, and items outside the wanted categories (any of them, GIN {@code &&})
 * or attributes (GIN {@code @>}). The clauses are bound in the order {@link #sql()} lists them.
 *
 * @param seenBy the user whose interacted items are left out, or null
 * @param excludedIds internal ids left out (the examples of an example query, the item of similar items)
 */
public record ItemFilters(Long seenBy, List<String> excludedExternalIds, List<Long> excludedIds, List<String> categories,
        Map<String, String> attributes) {

    public ItemFilters {
        excludedExternalIds = List.copyOf(excludedExternalIds);
        excludedIds = List.copyOf(excludedIds);
        categories = List.copyOf(categories);
        attributes = Map.copyOf(attributes);
    }

    public static ItemFilters none() {
        return new ItemFilters(null, List.of(), List.of(), List.of(), Map.of());
    }

    public ItemFilters seenBy(Long user) {
        return new ItemFilters(user, excludedExternalIds, excludedIds, categories, attributes);
    }

    public ItemFilters excluding(List<Long> ids) {
        var all = new ArrayList<>(excludedIds);
        all.addAll(ids);
        return new ItemFilters(seenBy, excludedExternalIds, all, categories, attributes);
    }

    /** " and …" clauses over item i. */
    public String sql() {
        var sql = new StringBuilder(" and i.available");
        if (seenBy != null) {
            sql.append(" and not exists (select 1 from interaction x where x.user_id = ? and x.item_id = i.id)");
        }
        if (!excludedIds.isEmpty()) {
            sql.append(" and i.id <> all(?)");
        }
        if (!excludedExternalIds.isEmpty()) {
            sql.append(" and i.external_id <> all(?)");
        }
        if (!categories.isEmpty()) {
            sql.append(" and i.categories && ?");
        }
        for (var attribute : attributes.entrySet()) {
            sql.append(alternatives(attribute.getKey(), attribute.getValue()).size() == 1
                    ? " and i.attributes @> cast(? as jsonb)"
                    : " and (i.attributes @> cast(? as jsonb) or i.attributes @> cast(? as jsonb))");
        }
        return sql.toString();
    }

    /** Binds the clauses' parameters from {@code index} on; returns the next free index. */
    public int bind(Connection connection, PreparedStatement ps, int index) throws SQLException {
        if (seenBy != null) {
            ps.setLong(index++, seenBy);
        }
        if (!excludedIds.isEmpty()) {
            ps.setArray(index++, connection.createArrayOf("bigint", excludedIds.toArray()));
        }
        if (!excludedExternalIds.isEmpty()) {
            ps.setArray(index++, connection.createArrayOf("text", excludedExternalIds.toArray()));
        }
        if (!categories.isEmpty()) {
            ps.setArray(index++, connection.createArrayOf("text", categories.toArray()));
        }
        for (var attribute : attributes.entrySet()) {
            for (String json : alternatives(attribute.getKey(), attribute.getValue())) {
                ps.setString(index++, json);
            }
        }
        return index;
    }

    /** {"key": "value"}, and {"key": 1995} / {"key": true} where the text reads as a number or boolean. */
    static List<String> alternatives(String key, String value) {
        var asString = Json.createObjectBuilder().add(key, value).build().toString();
        JsonValue typed = typed(value);
        return typed == null ? List.of(asString) : List.of(asString, Json.createObjectBuilder().add(key, typed).build().toString());
    }

    private static JsonValue typed(String value) {
        if ("true".equals(value)) {
            return JsonValue.TRUE;
        }
        if ("false".equals(value)) {
            return JsonValue.FALSE;
        }
        if (value.matches("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,17})?([eE][+-]?[0-9]{1,3})?")) {
            return Json.createValue(new BigDecimal(value));
        }
        return null;
    }
}
