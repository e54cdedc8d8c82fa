/**
 * The items of one catalogue in the console: a lazily loaded grid with text and category filters, an
 * edit form, hide/unhide.
 */
package org.openreco.recommender.admin.items;
