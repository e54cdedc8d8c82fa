package org.openreco.recommender.imports.boundary;

import java.util.Map;

/**
 * What to import and how: kind (items, users, events, movielens), format (csv, json, ndjson; a
 * MovieLens folder is always csv), the server-side file (or MovieLens folder), the mapping from source
 * column (or JSON field) to target field, the separator of list fields in CSV (categories, tags;
 * default "|"), whether to only validate, and whether events may create the items they name.
 */
public record ImportRequest(String kind, String format, String path, Map<String, String> mapping,
        String listSeparator, boolean dryRun, boolean createMissingItems) {
}
