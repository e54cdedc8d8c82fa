/** The imports' facade: start an import, follow its progress, read its error report. */
package org.openreco.recommender.imports.boundary;
