/**
 * What the whole application stands on: the database schema (applied by Flyway at start), the
 * admin account of the console, the exceptions every boundary uses to say what went wrong
 * in terms a client can act on (not found, conflict, invalid field), the change events
 * ({@code UsersChanged}, {@code CatalogueChanged}, {@code CatalogueAccessChanged}) that keep what each node
 * holds in memory current, carried to the other nodes on the same database by PostgreSQL notifications,
 * and the node's name ({@code ServerNode}) that work it runs carries, so that each node recovers only its own.
 */
package org.openreco.recommender.platform;
