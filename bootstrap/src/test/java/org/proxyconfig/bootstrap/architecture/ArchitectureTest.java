package org.proxyconfig.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering holds for the production classes, and each rule really fails on a fixture that
 * breaks it (so no rule passes by matching nothing or by checking the wrong package).
 */
class ArchitectureTest {

    /**
     * Production classes only: not the test-classes folders, and not the modules' test jars either
     * (the tests' shared helpers are on this module's classpath as {@code *-tests.jar}).
     */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.proxyconfig");

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("archfixture");

    static Stream<Arguments> productionRules() {
        return ArchitectureRules.forRoot("org.proxyconfig").entrySet().stream()
                .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    static Stream<Arguments> fixtureRules() {
        return ArchitectureRules.forRoot("archfixture").entrySet().stream()
                .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "holds: {0}")
    @MethodSource("productionRules")
    void theProductionClassesFollowTheRule(ArchRule rule) {
        assertThatCode(() -> rule.check(PRODUCTION)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "catches a violation: {0}")
    @MethodSource("fixtureRules")
    void theRuleFailsOnAFixtureThatBreaksIt(ArchRule rule) {
        assertThatThrownBy(() -> rule.check(FIXTURES)).isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest(name = "fails when it matches nothing: {0}")
    @MethodSource("productionRules")
    void aRuleThatMatchesNoClassFails(ArchRule rule) {
        JavaClasses nothingOfOurs = new ClassFileImporter().importClasses(String.class);
        assertThatThrownBy(() -> rule.check(nothingOfOurs)).isInstanceOf(AssertionError.class);
    }
}
