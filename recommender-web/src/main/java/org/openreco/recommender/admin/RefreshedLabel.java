package org.openreco.recommender.admin;

import com.vaadin.flow.component.html.Paragraph;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The line under a live view ({@link Polling}) saying when it was last refreshed, or, marked
 * {@code stale}, why it could not be: the operator sees old figures as old, not as current.
 */
public class RefreshedLabel extends Paragraph {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final int everyMillis;

    public RefreshedLabel(String id, int everyMillis) {
        this.everyMillis = everyMillis;
        setId(id);
        addClassName("refreshed");
    }

    public void updated() {
        removeClassName("stale");
        setText("Updated " + CLOCK.format(Instant.now()) + ", every " + everyMillis / 1000 + " s");
    }

    /** {@code what} names what could not be read, e.g. "Training". */
    public void unavailable(String what, RuntimeException problem) {
        addClassName("stale");
        setText(what + " unavailable: " + problem.getMessage());
    }
}
