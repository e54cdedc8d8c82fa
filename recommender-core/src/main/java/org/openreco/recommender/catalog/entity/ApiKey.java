package org.openreco.recommender.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A storefront's key to one catalogue. Only the SHA-256 of the key is stored: the key is 256 random
 * bits, so a plain hash is as hard to reverse as the key is to guess, and checking it stays cheap on
 * every request (a password hash would cost milliseconds per call). The prefix finds the row.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

    public static final int NAME_MAX_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "catalogue_id", nullable = false)
    private Long catalogueId;

    @Column(nullable = false, length = NAME_MAX_LENGTH)
    private String name;

    @Column(nullable = false, unique = true, length = 16)
    private String prefix;

    @Column(name = "key_hash", nullable = false, length = 200)
    private String keyHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(Long catalogueId, String name, String prefix, String keyHash) {
        this.catalogueId = catalogueId;
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getCatalogueId() {
        return catalogueId;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }
}
