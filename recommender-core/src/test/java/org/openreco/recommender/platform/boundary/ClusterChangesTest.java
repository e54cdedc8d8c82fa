package org.openreco.recommender.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterChangesTest {

    private static final UUID RANDOM = UUID.fromString("1f2e3d4c-0000-0000-0000-000000000000");

    @Test
    void theNodeIdIsTheNodeNameMadeOneWordWithARandomSuffix() {
        assertEquals("web-1.example_com-1f2e3d4c", ClusterChanges.nodeId("web-1.example com", RANDOM));
        assertEquals("node-1f2e3d4c", ClusterChanges.nodeId(null, RANDOM));
        assertEquals(64 + 9, ClusterChanges.nodeId("n".repeat(100), RANDOM).length());
    }
}
