package org.openreco.recommender.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openreco.recommender.imports.boundary.ImportRequest;

/** How to import, as the admin API receives it (the JSON body, or the "options" part of an upload). */
public record ImportOptions(
        @Schema(description = "items, users, events or movielens", examples = "items", required = true)
        String kind,
        @Schema(description = "csv (with a header row), json (an array of objects) or ndjson; movielens is always csv", examples = "csv")
        String format,
        @Schema(description = "A file on the server (or, for movielens, a folder with movies.csv, ratings.csv, tags.csv); not for uploads")
        String path,
        @Schema(description = "Source column (or JSON field) → target field, e.g. {\"id\": \"externalId\", \"brand\": \"attributes.brand\"}")
        Map<String, String> mapping,
        @Schema(description = "Separator of list fields (categories, tags) in CSV", examples = "|")
        String listSeparator,
        @Schema(description = "Only validate: write nothing, report what would be rejected")
        Boolean dryRun,
        @Schema(description = "Events: create the items they name when missing")
        Boolean createMissingItems) {

    ImportRequest toRequest(String path) {
        return new ImportRequest(kind, format, path, mapping, listSeparator, Boolean.TRUE.equals(dryRun),
                Boolean.TRUE.equals(createMissingItems));
    }
}
