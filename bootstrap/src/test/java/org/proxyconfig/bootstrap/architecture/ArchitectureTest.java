package org.proxyconfig.bootstrap.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import archfixture.adapters.egress.EgressUsingHelidon;
import archfixture.adapters.egress.follower.FollowerUsingJetty;
import archfixture.adapters.http.HttpUsingPersistence;
import archfixture.adapters.http.HttpUsingService;
import archfixture.adapters.persistence.PersistenceUsingHttp;
import archfixture.adapters.wire.WireUsingHelidon;
import archfixture.application.ApplicationUsingHelidon;
import archfixture.application.port.in.InUsingOut;
import archfixture.application.port.out.OutUsingIn;
import archfixture.cycle.a.A;
import archfixture.cycle.b.B;
import archfixture.domain.DomainFormattingAddresses;
import archfixture.domain.DomainResolvingNames;
import archfixture.domain.DomainUsingFiles;
import archfixture.domain.DomainUsingHelidon;
import archfixture.domain.DomainUsingJdbc;
import archfixture.domain.DomainUsingSockets;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering holds for the production classes, and each rule fails on exactly the fixture
 * classes that break it: not merely "some fixture", so no rule passes by matching nothing, by
 * checking the wrong package, or by catching another rule's fixture while missing its own.
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

    private static final Map<String, ArchRule> FIXTURE_RULES = ArchitectureRules.forRoot("archfixture");

    /** For each rule, every fixture class it must report; the other fixtures must pass it. */
    private static final Map<String, Set<Class<?>>> BROKEN_BY = Map.ofEntries(
            entry("domain depends on java only", Set.of(DomainUsingHelidon.class, DomainUsingJdbc.class)),
            entry("domain uses no JDBC", Set.of(DomainUsingJdbc.class)),
            entry("domain does no network I/O", Set.of(DomainUsingSockets.class, DomainResolvingNames.class)),
            entry("domain does no file I/O", Set.of(DomainUsingFiles.class)),
            entry("application never sees Helidon, JDBC, Flyway or JSON", Set.of(ApplicationUsingHelidon.class)),
            entry("application depends on the domain and java only", Set.of(ApplicationUsingHelidon.class)),
            entry("the http adapter does not see the persistence adapter", Set.of(HttpUsingPersistence.class)),
            entry("the persistence adapter does not see the http adapter", Set.of(PersistenceUsingHttp.class)),
            entry("the wire format sees only the domain, JSON-P and the JDK", Set.of(WireUsingHelidon.class)),
            entry("the egress adapter sees only the domain, the wire format, JSON-P, Jetty and the JDK",
                    Set.of(EgressUsingHelidon.class)),
            entry("the follower sees neither Jetty nor Helidon", Set.of(FollowerUsingJetty.class)),
            entry("the adapters do not see the services", Set.of(HttpUsingService.class)),
            entry("port.in does not see port.out", Set.of(InUsingOut.class)),
            entry("port.out does not see port.in", Set.of(OutUsingIn.class)),
            // The adapter and port fixtures point at each other, so they are cycles too.
            entry("no package cycles", Set.of(A.class, B.class, HttpUsingPersistence.class,
                    PersistenceUsingHttp.class, InUsingOut.class, OutUsingIn.class)));

    /** Where a violation line names the class it comes from: "Field <a.B.f> has type …", "- Method <a.B.m()> calls …". */
    private static final Pattern ORIGIN = Pattern.compile(
            "(?m)^\\s*(?:-\\s*)?(?:Field|Method|Constructor|Class|Static Initializer) <([^>]+)>");

    static Stream<Arguments> productionRules() {
        return ArchitectureRules.forRoot("org.proxyconfig").entrySet().stream()
                .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    static Stream<Arguments> fixtureRules() {
        return BROKEN_BY.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), Named.of(names(e.getValue()).toString(), e.getValue())));
    }

    @ParameterizedTest(name = "holds: {0}")
    @MethodSource("productionRules")
    void theProductionClassesFollowTheRule(ArchRule rule) {
        assertThatCode(() -> rule.check(PRODUCTION)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "\"{0}\" reports exactly {1}")
    @MethodSource("fixtureRules")
    void theRuleReportsExactlyTheFixturesThatBreakIt(String name, Set<Class<?>> expected) {
        EvaluationResult result = FIXTURE_RULES.get(name).evaluate(FIXTURES);

        assertThat(result.hasViolation()).as("'%s' is violated by the fixtures", name).isTrue();
        assertThat(violators(result)).as("the fixture classes '%s' reports", name).isEqualTo(names(expected));
    }

    @Test
    void everyRuleHasTheFixturesThatBreakIt() {
        assertThat(BROKEN_BY.keySet()).isEqualTo(FIXTURE_RULES.keySet());
    }

    @Test
    void whatTheDomainLegitimatelyUsesBreaksNoDomainRule() {
        // InetAddress.getByAddress, URI and ByteArrayInputStream: the domain's real uses of java.net and java.io.
        JavaClasses allowed = new ClassFileImporter().importClasses(DomainFormattingAddresses.class);
        FIXTURE_RULES.entrySet().stream().filter(e -> e.getKey().startsWith("domain "))
                .forEach(e -> assertThat(e.getValue().evaluate(allowed).hasViolation()).as(e.getKey()).isFalse());
    }

    @ParameterizedTest(name = "fails when it matches nothing: {0}")
    @MethodSource("productionRules")
    void aRuleThatMatchesNoClassFails(ArchRule rule) {
        JavaClasses nothingOfOurs = new ClassFileImporter().importClasses(String.class);
        assertThatThrownBy(() -> rule.check(nothingOfOurs)).isInstanceOf(AssertionError.class);
    }

    /** The fixture classes the violation lines come from (a member's or a nested class's owner). */
    private static Set<String> violators(EvaluationResult result) {
        Set<String> fixtureNames = FIXTURES.stream().map(JavaClass::getName)
                .filter(n -> !n.contains("$")).collect(Collectors.toSet());
        Set<String> found = new TreeSet<>();
        for (String detail : result.getFailureReport().getDetails()) {
            Matcher m = ORIGIN.matcher(detail);
            while (m.find()) {
                ownerAmong(m.group(1), fixtureNames).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Optional<String> ownerAmong(String member, Set<String> classNames) {
        return classNames.stream()
                .filter(c -> member.equals(c) || member.startsWith(c + ".") || member.startsWith(c + "$"))
                .max(Comparator.comparingInt(String::length));
    }

    private static Set<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
