package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams the records of one file (any format); saves the step's progress at every checkpoint. */
@Named
@Dependent
public class ImportReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String importId;

    @Inject
    @BatchProperty
    String path;

    @Inject
    @BatchProperty
    String format;

    @Inject
    StepContext step;

    @Inject
    ImportLedger ledger;

    private RecordSource source;
    private final Progress progress = new Progress();
    private long records;
    private CountingInputStream counted;
    private long bytesSaved;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        step.setTransientUserData(progress);
        counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(Path.of(path)), 1 << 16));
        source = RecordSource.open(format, counted);
        long done = checkpoint == null ? 0 : (Long) checkpoint;
        while (records < done) {
            try {
                if (source.next() == null) {
                    break;
                }
            } catch (RecordRejected e) {
                // reported when first read
            }
            records++;
        }
        bytesSaved = counted.count(); // a restart skips what the checkpoint covers: already counted
    }

    @Override
    public Object readItem() throws Exception {
        SourceRecord record;
        try {
            record = source.next();
        } catch (RecordRejected e) {
            records++;
            progress.read++;
            throw e;
        }
        if (record != null) {
            records++;
            progress.read++;
        }
        return record;
    }

    @Override
    public Serializable checkpointInfo() {
        progress.bytes += counted.count() - bytesSaved;
        bytesSaved = counted.count();
        progress.saveTo(ledger, Long.parseLong(importId));
        return records;
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }
}
