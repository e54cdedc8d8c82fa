package org.openreco.recommender.api;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.openreco.recommender.users.entity.AppUser;

public record UserJson(String externalId, String profileText, JsonObject attributes, Instant createdAt,
        Instant updatedAt) {

    static UserJson of(AppUser user) {
        return new UserJson(user.getExternalId(), user.getProfileText(), JsonObjects.parse(user.getAttributes()),
                user.getCreatedAt(), user.getUpdatedAt());
    }
}
