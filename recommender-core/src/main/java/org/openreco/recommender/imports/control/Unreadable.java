package org.openreco.recommender.imports.control;

/**
 * What the reader hands on for a record the file's format does not allow (a field too many, broken
 * JSON): an item like any other, so that a file of mostly bad lines still commits every chunk.
 */
record Unreadable(RecordRejected reason) {
}
