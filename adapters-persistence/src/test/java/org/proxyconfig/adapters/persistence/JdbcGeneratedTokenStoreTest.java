package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcGeneratedTokenStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void recordsTheFirstHashOnlyAndKeepsItAcrossReopen() {
        try (Database database = Database.openDefault(dataDir)) {
            JdbcGeneratedTokenStore store = new JdbcGeneratedTokenStore(database);
            assertThat(store.hash()).isEmpty();

            assertThat(store.recordIfAbsent("hash-one", Instant.now())).isTrue();
            assertThat(store.recordIfAbsent("hash-two", Instant.now())).isFalse();
            assertThat(store.hash()).hasValue("hash-one");
        }
        try (Database reopened = Database.openDefault(dataDir)) {
            assertThat(new JdbcGeneratedTokenStore(reopened).hash()).hasValue("hash-one");
        }
    }
}
