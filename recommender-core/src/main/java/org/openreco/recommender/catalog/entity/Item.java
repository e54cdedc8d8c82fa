package org.openreco.recommender.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Something a catalogue recommends. Read through JPA; written by {@code Items} with SQL upserts
 * (one statement per item whatever it held before), and the database keeps its content hash and
 * re-embedding mark (V002). The vector columns belong to the embedding and training components.
 */
@Entity
@Table(name = "item")
public class Item {

    public static final int TITLE_MAX_LENGTH = 512;

    @Id
    private Long id;

    @Column(name = "catalogue_id", nullable = false)
    private Long catalogueId;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    @Column(nullable = false, length = TITLE_MAX_LENGTH)
    private String title;

    private String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    private List<String> categories;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    private List<String> tags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    private String attributes;

    @Column(nullable = false)
    private boolean available;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "content_hash")
    private String contentHash;

    protected Item() {
    }

    /** An item not (yet) stored: for forms and tests; storing goes through {@code Items.upsert}. */
    public Item(String externalId, String title, String description, List<String> categories, List<String> tags,
            boolean available) {
        this.externalId = externalId;
        this.title = title;
        this.description = description;
        this.categories = List.copyOf(categories);
        this.tags = List.copyOf(tags);
        this.attributes = "{}";
        this.available = available;
    }

    /** A stored row read with plain JDBC, outside any persistence context (read-only use). */
    public static Item read(long id, long catalogueId, String externalId, String title, String description,
            List<String> categories, List<String> tags, String attributes, boolean available, Instant publishedAt,
            Instant createdAt, Instant updatedAt) {
        var item = new Item(externalId, title, description, categories, tags, available);
        item.id = id;
        item.catalogueId = catalogueId;
        item.attributes = attributes;
        item.publishedAt = publishedAt;
        item.createdAt = createdAt;
        item.updatedAt = updatedAt;
        return item;
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

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public List<String> getCategories() {
        return categories;
    }

    public List<String> getTags() {
        return tags;
    }

    /** A JSON object as text. */
    public String getAttributes() {
        return attributes;
    }

    public boolean isAvailable() {
        return available;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getContentHash() {
        return contentHash;
    }
}
