/**
 * Behaviour: the events storefronts send (views, clicks, purchases, ratings …), recorded in bulk,
 * idempotent by client event id, each weighted by its catalogue's settings and marking its user
 * dirty for re-embedding.
 */
package org.openreco.recommender.interactions;
