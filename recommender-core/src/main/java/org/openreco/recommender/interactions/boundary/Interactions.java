package org.openreco.recommender.interactions.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import org.openreco.recommender.platform.boundary.BatchResult;

/** Records behaviour: events in, each user marked dirty for re-embedding. */
@Stateless
public class Interactions {

    /**
     * Records the valid events of a batch together; unknown users are created, unknown items are
     * rejected unless createMissingItems; a re-sent client event id is a duplicate, not a second row.
     */
    public BatchResult record(String catalogue, List<EventData> events, boolean createMissingItems) {
        throw new UnsupportedOperationException("not yet");
    }
}
