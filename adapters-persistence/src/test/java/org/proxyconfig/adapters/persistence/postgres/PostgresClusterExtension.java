package org.proxyconfig.adapters.persistence.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One throwaway {@link PostgresCluster} for a whole test class, register it on a static field with
 * {@code @RegisterExtension}: started before the class's first test, removed after its last. Each
 * test takes a database of its own from it, so none sees another's writes, without paying for a
 * cluster each.
 */
public final class PostgresClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private PostgresCluster cluster;
    private int databases;

    /** @param name names the cluster's directory under {@code target/pg} */
    public PostgresClusterExtension(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = PostgresCluster.start(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) cluster.close();
    }

    /** The running cluster: to stop and restart it, or for its URLs. */
    public PostgresCluster cluster() {
        if (cluster == null) throw new IllegalStateException("the cluster starts before the first test of the class");
        return cluster;
    }

    /** A new, empty database, {@code prefix} and a number; its JDBC URL. */
    public synchronized String newDatabase(String prefix) {
        return cluster().createDatabase(prefix + "_" + ++databases);
    }
}
