/** The import view: upload a file or name one on the server, choose kind, format and mapping, follow the import's progress, download its error report. */
package org.openreco.recommender.admin.imports;
