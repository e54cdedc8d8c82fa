package org.openreco.recommender.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A storefront's user, known by the storefront's own id. Read through JPA; written by {@code Users}
 * with SQL upserts, and also created on the fly by events. Vectors belong to other components.
 */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    private Long id;

    @Column(name = "catalogue_id", nullable = false)
    private Long catalogueId;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    @Column(name = "profile_text")
    private String profileText;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    private String attributes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppUser() {
    }

    public Long getId() {
        return id;
    }

    public Long getCatalogueId() {
        return catalogueId;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getProfileText() {
        return profileText;
    }

    /** A JSON object as text. */
    public String getAttributes() {
        return attributes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
