package org.openreco.recommender.api;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks storefront resources under /catalogues/{catalogue}/…: callers must present an API key of
 * that catalogue (401 without a valid key, 403 with another catalogue's key).
 */
@NameBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface CatalogueKeyRequired {
}
