package org.openreco.recommender;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the modular monolith modular: the web adapts HTTP and UI to core boundaries, and core knows nothing of the web. */
class ArchitectureTest {

    private static final String[] WEB = {"org.openreco.recommender.api..", "org.openreco.recommender.admin..",
            "org.openreco.recommender.login.."};

    static JavaClasses classes;

    @BeforeAll
    static void importBothModules() {
        // core is on the test class path as a provided dependency, so one import sees both modules
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openreco.recommender");
    }

    @Test
    void the_web_reaches_core_only_through_boundaries_and_their_entities() {
        noClasses().that().resideInAnyPackage(WEB)
                .should().dependOnClassesThat().resideInAPackage("org.openreco.recommender..control..")
                .check(classes);
    }

    @Test
    void core_knows_nothing_of_the_web() {
        noClasses().that().resideOutsideOfPackages(WEB)
                .should().dependOnClassesThat().resideInAnyPackage(WEB)
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "com.vaadin..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void the_rest_api_and_the_console_do_not_call_each_other() {
        noClasses().that().resideInAPackage("org.openreco.recommender.api..")
                .should().dependOnClassesThat().resideInAPackage("org.openreco.recommender.admin..")
                .check(classes);
        noClasses().that().resideInAPackage("org.openreco.recommender.admin..")
                .should().dependOnClassesThat().resideInAPackage("org.openreco.recommender.api..")
                .check(classes);
    }
}
