/**
 * The users of a catalogue's storefront, known by the storefront's ids: their profile text and
 * attributes, their event history, and forgetting them with everything they did.
 */
package org.openreco.recommender.users;
