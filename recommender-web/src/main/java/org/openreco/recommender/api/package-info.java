/**
 * The HTTP API under /api/v1: storefront and admin resources that only validate, convert to and from
 * JSON records and hand over to core boundaries, plus the exception mappers that turn every failure
 * into a JSON error body naming the field and the problem.
 */
package org.openreco.recommender.api;
