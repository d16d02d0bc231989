package org.proxyconfig.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layering rules of STYLE.md §6, for any root package: the production root
 * ({@code org.proxyconfig}) and a fixture root whose classes break each rule on purpose.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static Map<String, ArchRule> forRoot(String root) {
        Map<String, ArchRule> rules = new TreeMap<>();
        rules.put("domain depends on java only", classes()
                .that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java.."));
        rules.put("application never sees Helidon, JDBC, Flyway or JSON", noClasses()
                .that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.helidon..", "java.sql..", "javax.sql..", "org.flywaydb..", "org.h2..",
                        "jakarta..", root + ".adapters..", root + ".bootstrap.."));
        rules.put("application depends on the domain and java only", classes()
                .that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        root + ".application..", root + ".domain..", "java.."));
        rules.put("the http adapter does not see the persistence adapter", noClasses()
                .that().resideInAPackage(root + ".adapters.http..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapters.persistence.."));
        rules.put("the persistence adapter does not see the http adapter", noClasses()
                .that().resideInAPackage(root + ".adapters.persistence..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapters.http.."));
        rules.put("port.in does not see port.out", noClasses()
                .that().resideInAPackage(root + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.out.."));
        rules.put("port.out does not see port.in", noClasses()
                .that().resideInAPackage(root + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.in.."));
        rules.put("no package cycles", slices()
                .matching(root + ".(**)")
                .should().beFreeOfCycles());
        return rules;
    }
}
