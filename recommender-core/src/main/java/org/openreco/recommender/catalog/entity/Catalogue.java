package org.openreco.recommender.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;
import java.util.regex.Pattern;

/**
 * A named collection of items; its name appears in every storefront URL, so it is restricted to
 * characters that need no escaping there.
 */
@Entity
@Table(name = "catalogue")
@NamedQuery(name = Catalogue.ALL, query = "select c from Catalogue c order by c.name")
@NamedQuery(name = Catalogue.BY_NAME, query = "select c from Catalogue c where c.name = :name")
public class Catalogue {

    public static final String ALL = "Catalogue.all";
    public static final String BY_NAME = "Catalogue.byName";
    public static final int NAME_MAX_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = NAME_MAX_LENGTH)
    private String name;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Catalogue() {
    }

    public Catalogue(String name) {
        this.name = name;
    }

    /** Why a name cannot be used, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > NAME_MAX_LENGTH) {
            return "must be at most " + NAME_MAX_LENGTH + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit";
        }
        return null;
    }


    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
