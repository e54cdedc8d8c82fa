package org.openreco.recommender.users.boundary;

/** A user as a storefront or an import sends it; attributes is a JSON object as text. */
public record UserData(String externalId, String profileText, String attributes) {
}
