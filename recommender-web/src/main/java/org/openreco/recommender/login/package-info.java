/**
 * Guards the container's logins — HTTP Basic on the API and the console's form — against password
 * guessing: an Undertow handler in front of the container's authentication refuses a client address
 * that failed too often (429 with Retry-After) and reports each attempt's outcome to the platform's
 * {@link org.openreco.recommender.platform.boundary.LoginThrottle}.
 */
package org.openreco.recommender.login;
