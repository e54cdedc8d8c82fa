package org.openreco.recommender.admin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.ServletException;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.catalog.CataloguesView;
import org.openreco.recommender.admin.dashboard.DashboardView;
import org.openreco.recommender.admin.imports.ImportView;

/** The frame around every view: product name, who is signed in and a logout button on top, the views in a side navigation. */
public class MainLayout extends AppLayout {

    static final String PRODUCT_NAME = "OpenReco";
    /** Where the browser goes after logout: a protected page, so the container shows its login form. */
    static final String AFTER_LOGOUT = "/";

    private static final Logger LOG = Logger.getLogger(MainLayout.class.getName());

    final Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> logout());

    public MainLayout() {
        setPrimarySection(Section.DRAWER);
        addToNavbar(new DrawerToggle(), header());
        addToDrawer(brand(), navigation());
    }

    private HorizontalLayout header() {
        var title = new Span("Recommender console");
        title.addClassName("console-title");
        var user = new Span(currentUser().map(Principal::getName).orElse(""));
        user.setId("current-user");
        user.addClassName("console-user");
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        var header = new HorizontalLayout(title, user, logout);
        header.setId("console-header");
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.setWidthFull();
        header.addClassName("console-header");
        return header;
    }

    private static Span brand() {
        var brand = new Span(PRODUCT_NAME);
        brand.setId("product-name");
        brand.addClassName("console-brand");
        return brand;
    }

    private static SideNav navigation() {
        var dashboard = new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create());
        dashboard.setId("nav-dashboard");
        var catalogues = new SideNavItem("Catalogues", CataloguesView.class, VaadinIcon.BOOK.create());
        catalogues.setId("nav-catalogues");
        var imports = new SideNavItem("Import", ImportView.class, VaadinIcon.UPLOAD.create());
        imports.setId("nav-imports");
        var nav = new SideNav();
        nav.addItem(dashboard, catalogues, imports);
        nav.setId("console-nav");
        return nav;
    }

    private static Optional<Principal> currentUser() {
        return Optional.ofNullable(VaadinRequest.getCurrent()).map(VaadinRequest::getUserPrincipal);
    }

    /** Ends the container login and the HTTP session, then sends the browser back through the login page. */
    private void logout() {
        getUI().map(UI::getPage).ifPresent(page -> page.setLocation(AFTER_LOGOUT));
        var request = VaadinServletRequest.getCurrent();
        if (request != null) {
            try {
                request.getHttpServletRequest().logout();
            } catch (ServletException e) {
                LOG.log(Level.WARNING, "container logout failed; invalidating the session anyway", e);
            }
        }
        var session = VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().invalidate();
        }
    }
}
