package org.openreco.recommender.admin.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.boundary.InvalidInputException;

class ImportViewTest {

    @Test
    void the_mapping_field_reads_source_equals_field_pairs() {
        assertEquals(Map.of("sku", "externalId", "brand", "attributes.brand"),
                ImportView.parseMapping(" sku = externalId, brand=attributes.brand, "));
        assertEquals(Map.of(), ImportView.parseMapping(""));
    }

    @Test
    void a_pair_without_a_field_is_refused_on_the_mapping_field() {
        var refused = assertThrows(InvalidInputException.class, () -> ImportView.parseMapping("sku=externalId, name"));
        assertEquals("mapping", refused.field());
    }
}
