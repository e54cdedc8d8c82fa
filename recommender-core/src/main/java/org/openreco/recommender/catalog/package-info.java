/**
 * Catalogues and their items: a catalogue is a named collection ("movies", "books") that every
 * item, user, interaction and model belongs to, and that every recommendation call names.
 */
package org.openreco.recommender.catalog;
