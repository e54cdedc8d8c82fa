package org.openreco.recommender.api;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openreco.recommender.imports.boundary.ImportProblem;

/** An import's error report as CSV (line,field,reason), for Accept: text/csv and the download link. */
@Provider
@Produces(ImportsResource.CSV)
public class ErrorReportCsv implements MessageBodyWriter<List<ImportProblem>> {

    static String of(List<ImportProblem> problems) {
        return ImportProblem.csv(problems);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return List.class.isAssignableFrom(type) && genericType.getTypeName().contains(ImportProblem.class.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void writeTo(List<ImportProblem> problems, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        out.write(of(problems).getBytes(StandardCharsets.UTF_8));
    }
}
