package org.openreco.recommender.platform.boundary;

import java.util.Collection;
import java.util.List;

/**
 * Something a user's recommendations depend on changed and committed: their events were stored, their
 * taste vector or collaborative factors were rewritten, or they were deleted. A CDI event, fired after
 * the change is written, observed after a successful commit ({@code TransactionPhase.AFTER_SUCCESS}),
 * so whoever keeps answers derived from the old state drops them on this node.
 */
public record UsersChanged(long catalogueId, Collection<Long> userIds) {

    public UsersChanged {
        userIds = List.copyOf(userIds);
    }
}
