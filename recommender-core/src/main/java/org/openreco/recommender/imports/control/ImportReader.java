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

/**
 * Streams the records of one file (any format). A record the format does not allow is handed on as
 * {@link Unreadable} rather than thrown: JBeret counts only items read towards the chunk, so thrown
 * records made a file of mostly bad lines one endless transaction. Progress is saved by the writer.
 */
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
        Object item;
        try {
            item = source.next();
        } catch (RecordRejected e) {
            item = new Unreadable(e);
        }
        progress.bytes += counted.count() - bytesSaved;
        bytesSaved = counted.count();
        if (item != null) {
            records++;
            progress.read++;
        }
        return item;
    }

    /** Called by JBeret after every item, not only at checkpoints: must stay cheap. */
    @Override
    public Serializable checkpointInfo() {
        return records;
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }
}
