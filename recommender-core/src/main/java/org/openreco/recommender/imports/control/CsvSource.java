package org.openreco.recommender.imports.control;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

/** CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
final class CsvSource implements RecordSource {

    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> records;
    private List<String> header;

    CsvSource(InputStream in) {
        // Field counts are checked here, per record, so that a short line is one rejected record
        // rather than the end of the file.
        reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true).detectBomHeader(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        records = reader.iterator();
    }

    @Override
    public SourceRecord next() {
        if (header == null) {
            if (!records.hasNext()) {
                return null;
            }
            header = records.next().getFields().stream().map(String::strip).toList();
        }
        if (!records.hasNext()) {
            return null;
        }
        CsvRecord record = records.next();
        long line = record.getStartingLineNumber();
        if (record.getFieldCount() != header.size()) {
            throw new RecordRejected(line, null,
                    "has " + record.getFieldCount() + " fields, the header has " + header.size());
        }
        var values = new HashMap<String, Object>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), record.getField(i));
        }
        return new SourceRecord(line, values);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
