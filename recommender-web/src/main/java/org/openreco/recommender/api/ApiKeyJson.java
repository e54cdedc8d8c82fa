package org.openreco.recommender.api;

import java.time.Instant;
import org.openreco.recommender.catalog.entity.ApiKey;

/** An API key as the admin sees it: the whole key only in the answer that created it. */
public record ApiKeyJson(String name, String prefix, Instant createdAt, Instant revokedAt, String key) {

    static ApiKeyJson of(ApiKey apiKey, String key) {
        return new ApiKeyJson(apiKey.getName(), apiKey.getPrefix(), apiKey.getCreatedAt(), apiKey.getRevokedAt(), key);
    }
}
