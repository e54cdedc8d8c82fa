package org.openreco.recommender.imports.control;

/** A record converted to an ItemData, UserData or EventData, with the line it came from (for the error report). */
record Parsed(long line, Object data) {
}
