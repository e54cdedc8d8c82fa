package org.openreco.recommender.catalog.boundary;

/**
 * What calls into a catalogue need of it, cheap to keep: its id, name and settings (see
 * {@link Catalogues#ref}, cached for a few seconds).
 */
public record CatalogueRef(long id, String name, CatalogueSettings settings) {
}
