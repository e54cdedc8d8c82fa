/**
 * Catalogues in the console: a grid of every catalogue beside a {@code CatalogueForm} that creates,
 * renames and deletes them through the core's {@code Catalogues} facade. The form only collects and
 * checks input and fires typed events; the view acts on them and shows the core's answer.
 */
package org.openreco.recommender.admin.catalog;
