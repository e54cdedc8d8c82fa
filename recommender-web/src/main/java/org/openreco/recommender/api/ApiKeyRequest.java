package org.openreco.recommender.api;

/** What to call a new key, e.g. the storefront that will use it. */
public record ApiKeyRequest(String name) {
}
