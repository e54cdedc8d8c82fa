package org.openreco.recommender.imports.boundary;

import java.nio.file.Path;

/** A file the API or the console received and {@link Imports#storeUpload stored}: the import's own copy. */
public record StoredUpload(Path file) {
}
