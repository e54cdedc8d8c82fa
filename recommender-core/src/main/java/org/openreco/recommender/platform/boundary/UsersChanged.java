package org.openreco.recommender.platform.boundary;

import java.util.Collection;
import java.util.List;

/**
 * Something a user's recommendations depend on changed and committed: their events were stored, their
 * taste vector or collaborative factors were rewritten, or they were deleted. A CDI event, fired after
 * the change is written, observed after a successful commit ({@code TransactionPhase.AFTER_SUCCESS}),
 * so whoever keeps answers derived from the old state drops them on this node. {@link ClusterChanges}
 * sends it to the other nodes sharing the database, which fire it again with {@code remote} set (and
 * outside any transaction, so their after-commit observers hear it at once).
 */
public record UsersChanged(long catalogueId, Collection<Long> userIds, boolean remote) {

    public UsersChanged {
        userIds = List.copyOf(userIds);
    }

    /** A change made on this node. */
    public UsersChanged(long catalogueId, Collection<Long> userIds) {
        this(catalogueId, userIds, false);
    }
}
