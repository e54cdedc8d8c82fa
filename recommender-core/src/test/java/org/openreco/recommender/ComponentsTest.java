package org.openreco.recommender;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's business components talk through their boundaries: a component's control package is used by the
 * component itself. The reaches that exist today are listed here and may not grow; each one removed from the
 * code should be removed from the list too (the algorithms that evaluation and ranking borrow from training
 * are to move into a component of their own).
 */
class ComponentsTest {

    private static final List<String> COMPONENTS = List.of("catalog", "demo", "embedding", "evaluation", "imports",
            "interactions", "monitoring", "platform", "ranking", "recommendations", "training", "users");

    /** Whose control packages each component still reaches into. */
    private static final Map<String, Set<String>> KNOWN_REACHES = Map.of(
            "embedding", Set.of("training"),
            "evaluation", Set.of("embedding", "imports", "training"),
            "ranking", Set.of("training"),
            "recommendations", Set.of("embedding"),
            "training", Set.of("catalog", "embedding", "evaluation"));

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openreco.recommender");
    }

    @Test
    void a_components_control_is_used_by_itself_and_by_the_known_reaches_only() {
        for (String component : COMPONENTS) {
            var allowed = new ArrayList<String>();
            allowed.add("org.openreco.recommender." + component + "..");
            KNOWN_REACHES.forEach((from, into) -> {
                if (into.contains(component)) {
                    allowed.add("org.openreco.recommender." + from + "..");
                }
            });
            classes().that().resideInAPackage("org.openreco.recommender." + component + ".control..")
                    .should().onlyHaveDependentClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(core);
        }
    }
}
