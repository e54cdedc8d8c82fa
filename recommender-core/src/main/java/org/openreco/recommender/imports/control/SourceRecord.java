package org.openreco.recommender.imports.control;

import java.util.Map;

/**
 * One record as read from a file, before mapping: its first line in the file and its values by column
 * (or JSON field) name. A value is a String, a List of Strings (a JSON array) or null; a JSON object
 * arrives as its JSON text.
 */
public record SourceRecord(long line, Map<String, Object> values) {
}
