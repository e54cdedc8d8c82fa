package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefreshedLabelTest {

    @Test
    void aFailedRefreshMarksTheLabelStaleWithTheReasonAndTheNextGoodOneClearsIt() {
        var label = new RefreshedLabel("training-refreshed", 2_000);
        assertEquals("training-refreshed", label.getId().orElseThrow());
        assertTrue(label.hasClassName("refreshed"));

        label.unavailable("Training", new IllegalStateException("database down"));
        assertTrue(label.hasClassName("stale"));
        assertEquals("Training unavailable: database down", label.getText());

        label.updated();
        assertFalse(label.hasClassName("stale"));
        assertTrue(label.getText().matches("Updated \\d\\d:\\d\\d:\\d\\d, every 2 s"), label.getText());
    }
}
