package org.openreco.recommender.api;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The largest request body a resource method reads, in bytes; larger ones get 413 as JSON
 * ({@link BodyLimitFilter}). Without it a method reads at most {@link #DEFAULT} bytes. Undertow
 * refuses bodies over its own max-post-size (200 MiB, for import uploads; configure-server.cli) before
 * they reach us.
 */
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface BodyLimit {

    long DEFAULT = 1024 * 1024;

    long value();
}
