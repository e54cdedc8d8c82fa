package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.interactions.boundary.EventData;
import org.openreco.recommender.interactions.boundary.Interactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.users.boundary.UserData;
import org.openreco.recommender.users.boundary.Users;

/**
 * Writes a chunk through the owning boundary (items, users or events), inside the chunk's
 * transaction, the one JBeret commits the chunk's checkpoint in: a crash never keeps a chunk's records
 * without its checkpoint, so a restart reads no record twice; records rejected by the reader or processor and elements the boundary rejects go to
 * the error report with their line, and the step's progress is saved, once per chunk in the same
 * transaction. A dry run writes nothing but the report and the progress.
 */
@Named
@Dependent
public class ImportWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String importId;

    @Inject
    @BatchProperty
    String catalogue;

    @Inject
    @BatchProperty
    String dryRun;

    @Inject
    @BatchProperty
    String createMissingItems;

    @Inject
    StepContext step;

    @Inject
    ImportLedger ledger;

    @Inject
    Items items;

    @Inject
    Users users;

    @Inject
    Interactions interactions;

    @Override
    public void writeItems(List<Object> chunk) {
        var progress = (Progress) step.getTransientUserData();
        long id = Long.parseLong(importId);
        List<Parsed> records = chunk.stream().map(Parsed.class::cast).toList();
        List<RecordRejected> rejected = new ArrayList<>();
        records.stream().filter(r -> r.rejected() != null).forEach(r -> rejected.add(r.rejected()));
        List<Parsed> valid = records.stream().filter(r -> r.rejected() == null).toList();
        if (!valid.isEmpty() && !Boolean.parseBoolean(dryRun)) {
            write(valid, progress, rejected);
        }
        progress.rejected += rejected.size();
        ledger.rejectAll(id, rejected);
        progress.saveTo(ledger, id);
    }

    private void write(List<Parsed> records, Progress progress, List<RecordRejected> rejected) {
        List<Object> data = records.stream().map(Parsed::data).toList();
        BatchResult result = switch (data.getFirst()) {
            case ItemData ignored -> items.upsertAll(catalogue, cast(data));
            case UserData ignored -> users.upsertAll(catalogue, cast(data));
            case EventData ignored -> interactions.recordInTransaction(catalogue, cast(data), Boolean.parseBoolean(createMissingItems));
            default -> throw new IllegalStateException("cannot write " + data.getFirst().getClass());
        };
        for (var element : result.elements()) {
            switch (element.status()) {
                case ACCEPTED -> progress.written++;
                case DUPLICATE -> progress.duplicates++;
                case REJECTED -> rejected.add(new RecordRejected(records.get(element.index()).line(), element.field(),
                        element.reason()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Object> data) {
        return (List<T>) data;
    }
}
