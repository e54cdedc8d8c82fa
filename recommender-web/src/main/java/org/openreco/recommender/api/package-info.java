/**
 * The HTTP API under /api/v1: storefront and admin resources that only validate, convert to and from
 * JSON records and hand over to core boundaries, plus the exception mappers that turn every failure
 * into problem details (RFC 9457) naming the field and the problem, and the browsable API (Swagger UI) at /api.
 */
package org.openreco.recommender.api;
