package org.openreco.recommender.catalog.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import org.openreco.recommender.platform.boundary.BatchResult;

/** Items of a catalogue: upsert (one or many), read, hide/unhide, delete. */
@Stateless
public class Items {

    /** Upserts each valid item by external id; invalid ones are rejected with field and reason. */
    public BatchResult upsertAll(String catalogue, List<ItemData> items) {
        throw new UnsupportedOperationException("not yet");
    }
}
