package org.openreco.recommender.imports.boundary;

/** One line of an import's error report: the record's first line in the file, the field at fault (if one), why. */
public record ImportProblem(long line, String field, String reason) {
}
