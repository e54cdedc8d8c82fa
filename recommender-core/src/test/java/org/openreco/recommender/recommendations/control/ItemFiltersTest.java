package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemFiltersTest {

    @Test
    void anAttributeValueThatReadsAsANumberOrBooleanAlsoMatchesThatJsonValue() {
        assertEquals(List.of("{\"brand\":\"Acme\"}"), ItemFilters.alternatives("brand", "Acme"));
        assertEquals(List.of("{\"year\":\"1995\"}", "{\"year\":1995}"), ItemFilters.alternatives("year", "1995"));
        assertEquals(List.of("{\"new\":\"true\"}", "{\"new\":true}"), ItemFilters.alternatives("new", "true"));
        assertEquals(List.of("{\"code\":\"007\"}"), ItemFilters.alternatives("code", "007"));
        assertEquals(List.of("{\"q\":\"\\\"}\"}"), ItemFilters.alternatives("q", "\"}"), "quotes cannot break out");
    }

    @Test
    void onlyTheFiltersInUseBecomeClauses() {
        assertEquals(" and i.available", ItemFilters.none().sql());
        var all = new ItemFilters(7L, List.of("x"), List.of(1L), List.of("a"), Map.of("year", "1995"));
        assertEquals(" and i.available and not exists (select 1 from interaction x where x.user_id = ? and x.item_id = i.id)"
                + " and i.id <> all(?) and i.external_id <> all(?) and i.categories && ?"
                + " and (i.attributes @> cast(? as jsonb) or i.attributes @> cast(? as jsonb))", all.sql());
    }
}
