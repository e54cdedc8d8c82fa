package org.openreco.recommender.users.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.users.boundary.UserData;

/**
 * Validates users and upserts them by external id in one JDBC batch. Fields left null keep the
 * stored value; an update that changes nothing writes nothing.
 */
public final class UserWriter {

    private static final String UPSERT = """
            insert into app_user as u (catalogue_id, external_id, profile_text, attributes)
            values (?, ?, ?, coalesce(cast(? as jsonb), '{}'::jsonb))
            on conflict (catalogue_id, external_id) do update set
                profile_text = coalesce(excluded.profile_text, u.profile_text),
                attributes = coalesce(cast(? as jsonb), u.attributes),
                updated_at = now()
            where (u.profile_text, u.attributes)
                is distinct from (coalesce(excluded.profile_text, u.profile_text), coalesce(cast(? as jsonb), u.attributes))""";

    private UserWriter() {
    }

    /** The first rule the user breaks, as a rejected element, or null when it may be stored. */
    public static BatchResult.Element problem(int index, UserData user) {
        if (user == null) {
            return BatchResult.Element.rejected(index, "user", "is null");
        }
        String[][] checks = {
                {"externalId", InputChecks.externalId(user.externalId())},
                {"profileText", InputChecks.longText(user.profileText())},
                {"attributes", InputChecks.jsonObject(user.attributes())}};
        for (String[] check : checks) {
            if (check[1] != null) {
                return BatchResult.Element.rejected(index, check[0], check[1]);
            }
        }
        return null;
    }

    public static void upsert(Connection connection, long catalogueId, List<UserData> users) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            // in external-id order (stable, so a later duplicate still wins): concurrent batches then lock
            // rows in the same order and cannot deadlock each other
            var ordered = new ArrayList<>(users);
            ordered.sort(Comparator.comparing(UserData::externalId));
            for (UserData user : ordered) {
                upsert.setLong(1, catalogueId);
                upsert.setString(2, user.externalId());
                upsert.setString(3, user.profileText());
                upsert.setString(4, user.attributes());
                upsert.setString(5, user.attributes());
                upsert.setString(6, user.attributes());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
