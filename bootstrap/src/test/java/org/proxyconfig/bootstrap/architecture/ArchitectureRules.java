package org.proxyconfig.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameContaining;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The layering rules of docs/architecture.md ("Packages and the rules that keep them apart"), for any
 * root package: the production root ({@code org.proxyconfig}) and a fixture root whose classes
 * break each rule on purpose. Every rule keeps {@code failOnEmptyShould} (archunit.properties), so
 * a misspelt package fails instead of passing while checking nothing.
 */
final class ArchitectureRules {

    /**
     * The {@link InetAddress} methods that ask a resolver. The domain may build an address from its
     * bytes and print it ({@code getByAddress}, {@code getHostAddress}: {@code IpAddress} does), never
     * look a name up: a routing decision must not wait on DNS.
     */
    private static final Set<String> NAME_LOOKUPS = new TreeSet<>(Set.of(
            "getByName", "getAllByName", "getLocalHost", "getHostName", "getCanonicalHostName", "isReachable"));

    private ArchitectureRules() {
    }

    static Map<String, ArchRule> forRoot(String root) {
        Map<String, ArchRule> rules = new TreeMap<>();
        String domain = root + ".domain..";
        rules.put("domain depends on java only", classes()
                .that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java.."));
        // "java.." is wide: the next three rules keep the I/O parts of the JDK out of the domain.
        rules.put("domain uses no JDBC", noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql.."));
        rules.put("domain does no network I/O", noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat(networkIo())
                .orShould().callMethodWhere(nameLookup()));
        rules.put("domain does no file I/O", noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat(resideInAPackage("java.nio.file..")
                        .or(resideInAPackage("java.io").and(simpleNameContaining("File")))
                        .as("java.nio.file or a file class of java.io")));
        rules.put("application never sees Helidon, JDBC, Flyway or JSON", noClasses()
                .that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.helidon..", "java.sql..", "javax.sql..", "org.flywaydb..", "org.h2..",
                        "jakarta..", root + ".adapters..", root + ".bootstrap.."));
        rules.put("application depends on the domain and java only", classes()
                .that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        root + ".application..", root + ".domain..", "java.."));
        rules.put("the http adapter does not see the persistence adapter",
                doesNotSee(root + ".adapters.http..", root + ".adapters.persistence.."));
        rules.put("the persistence adapter does not see the http adapter",
                doesNotSee(root + ".adapters.persistence..", root + ".adapters.http.."));
        // The API and the follower read one wire format; a service following the configuration must not pull in Helidon.
        rules.put("the wire format sees only the domain, JSON-P and the JDK", classes()
                .that().resideInAPackage(root + ".adapters.wire..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".adapters.wire..", root + ".domain..",
                        "jakarta.json..", "java.."));
        // A JVM gateway embeds the outbound clients with the domain alone (docs/decisions/0010-egress-on-jetty-httpclient.md);
        // its follower reads the wire format over the JDK's HttpClient (java.net.http, inside "java..") and seals its
        // cache file with the JDK's javax.crypto.
        rules.put("the egress adapter sees only the domain, the wire format, JSON-P, Jetty and the JDK", classes()
                .that().resideInAPackage(root + ".adapters.egress..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".adapters.egress..", root + ".domain..",
                        root + ".adapters.wire..", "jakarta.json..", "org.eclipse.jetty..", "java..", "javax.net..",
                        "javax.crypto.."));
        // The follower is what a service embeds to follow the server, on the JDK's HttpClient alone (docs/using-the-proxy.md).
        rules.put("the follower sees neither Jetty nor Helidon", noClasses()
                .that().resideInAPackage(root + ".adapters.egress.follower..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.helidon.."));
        // The composition root builds the services and hands the adapters their ports.
        rules.put("the adapters do not see the services",
                doesNotSee(root + ".adapters..", root + ".application.service.."));
        rules.put("port.in does not see port.out",
                doesNotSee(root + ".application.port.in..", root + ".application.port.out.."));
        rules.put("port.out does not see port.in",
                doesNotSee(root + ".application.port.out..", root + ".application.port.in.."));
        rules.put("no package cycles", slices()
                .matching(root + ".(**)")
                .should().beFreeOfCycles());
        return rules;
    }

    /** The classes in {@code packages} depend on none in {@code unseen}. */
    private static ArchRule doesNotSee(String packages, String unseen) {
        return noClasses().that().resideInAPackage(packages)
                .should().dependOnClassesThat().resideInAPackage(unseen);
    }

    /**
     * Sockets and what opens them: HTTP clients, channels, {@code URLConnection}s, and {@link URL}
     * itself, whose {@code equals} and {@code hashCode} resolve host names ({@code java.net.URI} is
     * the value type the domain uses).
     */
    private static DescribedPredicate<JavaClass> networkIo() {
        return resideInAnyPackage("java.net.http..", "java.nio.channels..", "javax.net..")
                .or(assignableTo(Socket.class))
                .or(assignableTo(ServerSocket.class))
                .or(assignableTo(DatagramSocket.class))
                .or(assignableTo(URLConnection.class))
                .or(assignableTo(URL.class))
                .as("sockets, channels, HTTP clients, URL or URLConnection");
    }

    private static DescribedPredicate<JavaMethodCall> nameLookup() {
        return describe("a lookup through InetAddress (" + String.join(", ", NAME_LOOKUPS) + ")",
                call -> call.getTarget().getOwner().isAssignableTo(InetAddress.class)
                        && NAME_LOOKUPS.contains(call.getTarget().getName()));
    }
}
