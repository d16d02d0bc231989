package org.proxyconfig.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.application.port.in.GeneratedAdminTokenUseCase;
import org.proxyconfig.application.port.out.GeneratedTokenStore;
import org.proxyconfig.domain.Secret;

/**
 * Generates the admin token when the store has none and records only its SHA-256. The token is
 * 32 random bytes, so a fast hash keeps it out of storage as well as a slow one would (there is
 * nothing to guess). When another instance records its token first, ours is thrown away unshown
 * and the winner's hash is answered, so every instance accepts the one token that was shown.
 */
public final class GeneratedAdminTokenService implements GeneratedAdminTokenUseCase {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GeneratedTokenStore store;
    private final Clock clock;

    public GeneratedAdminTokenService(GeneratedTokenStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GeneratedAdminToken obtain() {
        Optional<String> recorded = store.hash();
        if (recorded.isPresent()) return new GeneratedAdminToken(recorded.get(), Optional.empty());
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "pc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256Hex(token);
        if (store.recordIfAbsent(hash, clock.instant())) {
            return new GeneratedAdminToken(hash, Optional.of(Secret.of(token)));
        }
        return new GeneratedAdminToken(store.hash().orElseThrow(), Optional.empty());
    }

    private static String sha256Hex(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
