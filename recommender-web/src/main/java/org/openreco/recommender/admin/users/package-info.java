/** The users of one catalogue in the console: a lazily loaded grid, and each user's event history, newest first. */
package org.openreco.recommender.admin.users;
