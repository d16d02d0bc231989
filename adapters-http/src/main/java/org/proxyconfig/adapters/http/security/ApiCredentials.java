package org.proxyconfig.adapters.http.security;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The credentials that open the API, held only as digests. Checking a presented credential
 * compares its digest with every configured one, whatever matches first, so the time taken does
 * not tell which credential (or how much of one) was right.
 */
public final class ApiCredentials {

    private record Token(byte[] digest, Principal principal) {
    }

    private record UserPassword(byte[] userDigest, byte[] passwordDigest, Principal principal) {
    }

    private final List<Token> tokens;
    private final List<UserPassword> users;

    private ApiCredentials(List<Token> tokens, List<UserPassword> users) {
        this.tokens = List.copyOf(tokens);
        this.users = List.copyOf(users);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when nothing is configured: the API would open to no one. */
    public boolean isEmpty() {
        return tokens.isEmpty() && users.isEmpty();
    }

    /** The caller a bearer token or API key stands for, if any. */
    public Optional<Principal> byToken(String token) {
        byte[] digest = TokenHash.of(token);
        Principal found = null;
        for (Token t : tokens) {
            if (TokenHash.same(t.digest(), digest) && found == null) found = t.principal();
        }
        return Optional.ofNullable(found);
    }

    /** The caller a Basic user name and password stand for, if any. */
    public Optional<Principal> byUserPassword(String user, String password) {
        byte[] userDigest = TokenHash.of(user);
        byte[] passwordDigest = TokenHash.of(password);
        Principal found = null;
        for (UserPassword u : users) {
            boolean userMatches = TokenHash.same(u.userDigest(), userDigest);
            boolean passwordMatches = TokenHash.same(u.passwordDigest(), passwordDigest);
            if (userMatches & passwordMatches && found == null) found = u.principal();
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "ApiCredentials[" + tokens.size() + " token(s), " + users.size() + " user(s)]";
    }

    public static final class Builder {
        private final List<Token> tokens = new ArrayList<>();
        private final List<UserPassword> users = new ArrayList<>();

        /** A bearer token / API key; {@code label} names its holder in the history. */
        public Builder token(String token, String label, Role role) {
            requireUsable(token, "token");
            tokens.add(new Token(TokenHash.of(token), new Principal(label, role)));
            return this;
        }

        /**
         * A token known only by the SHA-256 of its UTF-8 bytes, in hex (the generated admin token,
         * whose hash the application keeps): what {@link #byToken} compares a presented token's digest with.
         */
        public Builder tokenDigest(String sha256Hex, String label, Role role) {
            tokens.add(new Token(HexFormat.of().parseHex(sha256Hex), new Principal(label, role)));
            return this;
        }

        /** A Basic user name and password; the user name is the principal's name. */
        public Builder user(String user, String password, Role role) {
            requireUsable(user, "user name");
            requireUsable(password, "password");
            if (user.indexOf(':') >= 0) throw new IllegalArgumentException("a Basic user name cannot contain ':'");
            users.add(new UserPassword(TokenHash.of(user), TokenHash.of(password), new Principal(user, role)));
            return this;
        }

        public ApiCredentials build() {
            return new ApiCredentials(tokens, users);
        }

        private static void requireUsable(String value, String what) {
            if (value == null || value.isBlank()) throw new IllegalArgumentException("an empty " + what + " would open the API to anyone");
        }
    }
}
