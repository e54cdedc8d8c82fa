/**
 * What the whole application stands on: the database schema (applied by Flyway at start), the
 * admin account of the console, and the exceptions every boundary uses to say what went wrong
 * in terms a client can act on (not found, conflict, invalid field).
 */
package org.openreco.recommender.platform;
