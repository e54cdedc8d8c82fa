package org.openreco.recommender.imports.boundary;

import java.util.List;

/** One line of an import's error report: the record's first line in the file, the field at fault (if one), why. */
public record ImportProblem(long line, String field, String reason) {

    /** The report as CSV with a header row: line,field,reason. */
    public static String csv(List<ImportProblem> problems) {
        var csv = new StringBuilder("line,field,reason\n");
        for (var p : problems) {
            csv.append(p.line()).append(',').append(quoted(p.field())).append(',').append(quoted(p.reason())).append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
