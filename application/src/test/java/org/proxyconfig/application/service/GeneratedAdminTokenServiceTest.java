package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.port.in.GeneratedAdminTokenUseCase.GeneratedAdminToken;
import org.proxyconfig.application.port.out.GeneratedTokenStore;
import org.proxyconfig.domain.Secret;

/**
 * The first start generates a token and hands it out once; the store only ever holds its SHA-256;
 * later starts, and a start that loses the race to another instance, get the recorded hash only.
 */
class GeneratedAdminTokenServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** One hash at most, like the real store; {@code rival} is recorded by "another instance" first. */
    private static final class OneHashStore implements GeneratedTokenStore {
        Optional<String> hash = Optional.empty();
        Optional<Instant> recordedAt = Optional.empty();
        Optional<String> rival = Optional.empty();

        @Override
        public Optional<String> hash() {
            return hash;
        }

        @Override
        public boolean recordIfAbsent(String candidate, Instant at) {
            if (rival.isPresent() && hash.isEmpty()) hash = rival;
            if (hash.isPresent()) return false;
            hash = Optional.of(candidate);
            recordedAt = Optional.of(at);
            return true;
        }
    }

    private final OneHashStore store = new OneHashStore();
    private final GeneratedAdminTokenService service =
            new GeneratedAdminTokenService(store, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFirstStartGeneratesATokenAndRecordsOnlyItsSha256() throws Exception {
        GeneratedAdminToken first = service.obtain();

        String token = first.newToken().map(Secret::reveal).orElseThrow();
        assertThat(token).matches("pc_[A-Za-z0-9_-]{43}");
        assertThat(first.sha256Hex()).isEqualTo(sha256Hex(token));
        assertThat(store.hash).hasValue(sha256Hex(token));
        assertThat(store.recordedAt).hasValue(NOW);
        assertThat(first.newToken().orElseThrow().toString()).doesNotContain(token);
    }

    @Test
    void aLaterStartGetsTheRecordedHashAndNoToken() {
        GeneratedAdminToken first = service.obtain();

        GeneratedAdminToken again = service.obtain();

        assertThat(again).isEqualTo(new GeneratedAdminToken(first.sha256Hex(), Optional.empty()));
    }

    @Test
    void aStartThatLosesTheRaceShowsNoTokenAndAcceptsTheWinners() {
        store.rival = Optional.of("hash-of-the-other-instances-token");

        GeneratedAdminToken lost = service.obtain();

        assertThat(lost).isEqualTo(new GeneratedAdminToken("hash-of-the-other-instances-token", Optional.empty()));
    }

    @Test
    void everyTokenIsNew() {
        String one = service.obtain().newToken().orElseThrow().reveal();
        store.hash = Optional.empty();

        assertThat(service.obtain().newToken().orElseThrow().reveal()).isNotEqualTo(one);
    }
}
