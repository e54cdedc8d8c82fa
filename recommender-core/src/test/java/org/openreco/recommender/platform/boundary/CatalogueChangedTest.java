package org.openreco.recommender.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.control.ChangeNotice;

class CatalogueChangedTest {

    @Test
    void itemChangesAreAvailabilityOnly() {
        assertTrue(new CatalogueChanged(1, "item hidden").availabilityOnly());
        assertTrue(new CatalogueChanged(1, "items hidden", true).availabilityOnly());
        assertTrue(new CatalogueChanged(1, "item deleted").availabilityOnly());
        assertFalse(new CatalogueChanged(1, "model version 7 activated").availabilityOnly());
    }

    @Test
    void changesMergedForTheOtherNodesCountAsAChangeOfEverything() {
        var merged = ChangeNotice.merged("node-a", List.of(ChangeNotice.ofCatalogue("node-a", 1, "item hidden"),
                ChangeNotice.ofCatalogue("node-a", 1, "model version 7 activated")));
        var heard = new CatalogueChanged(1, merged.getFirst().what(), true);
        assertFalse(heard.availabilityOnly(), heard.what());
        assertFalse(heard.nameGone(), heard.what());
    }

    @Test
    void renamedAndDeletedTakeTheNameAway() {
        assertTrue(new CatalogueChanged(1, "renamed").nameGone());
        assertTrue(new CatalogueChanged(1, "deleted").nameGone());
        assertFalse(new CatalogueChanged(1, "item deleted").nameGone());
    }
}
