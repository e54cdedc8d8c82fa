package org.openreco.recommender.admin;

import com.vaadin.flow.component.Component;

/**
 * Live views: while a view is attached its UI polls the server at an interval and the view refreshes on
 * every poll; on detach the polling stops. One place for what the dashboard, the user page and the
 * embeddings view each need.
 */
public final class Polling {

    private Polling() {
    }

    public static void every(Component view, int millis, Runnable refresh) {
        view.addAttachListener(attach -> {
            var ui = attach.getUI();
            ui.setPollInterval(millis);
            var polls = ui.addPollListener(poll -> refresh.run());
            view.addDetachListener(detach -> {
                polls.remove();
                detach.getUI().setPollInterval(-1);
                detach.unregisterListener();
            });
        });
    }
}
