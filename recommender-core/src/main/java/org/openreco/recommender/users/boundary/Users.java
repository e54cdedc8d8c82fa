package org.openreco.recommender.users.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import org.openreco.recommender.platform.boundary.BatchResult;

/** Users of a catalogue: upsert, read, forget (with their interactions). */
@Stateless
public class Users {

    public BatchResult upsertAll(String catalogue, List<UserData> users) {
        throw new UnsupportedOperationException("not yet");
    }
}
