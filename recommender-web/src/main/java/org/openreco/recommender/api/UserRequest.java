package org.openreco.recommender.api;

import jakarta.json.JsonObject;

/** A user as a storefront sends it; fields left out keep their stored value. */
public record UserRequest(String profileText, JsonObject attributes) {
}
