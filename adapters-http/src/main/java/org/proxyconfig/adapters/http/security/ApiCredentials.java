package org.proxyconfig.adapters.http.security;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

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

    /** A client certificate subject (not a secret: the TLS handshake proved the key). */
    private record ClientSubject(X500Principal subject, Principal principal) {
    }

    private final List<Token> tokens;
    private final List<UserPassword> users;
    private final List<ClientSubject> subjects;

    private ApiCredentials(List<Token> tokens, List<UserPassword> users, List<ClientSubject> subjects) {
        this.tokens = List.copyOf(tokens);
        this.users = List.copyOf(users);
        this.subjects = List.copyOf(subjects);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when nothing is configured: the API would open to no one. */
    public boolean isEmpty() {
        return tokens.isEmpty() && users.isEmpty() && subjects.isEmpty();
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

    /**
     * The caller a verified client certificate's subject stands for, if any. Distinguished names
     * compare in canonical form, so spacing and case in the setting do not matter.
     */
    public Optional<Principal> byClientSubject(X500Principal subject) {
        return subjects.stream().filter(s -> s.subject().equals(subject)).map(ClientSubject::principal).findFirst();
    }

    @Override
    public String toString() {
        return "ApiCredentials[" + tokens.size() + " token(s), " + users.size() + " user(s)"
                + (subjects.isEmpty() ? "" : ", " + subjects.size() + " client certificate subject(s)") + "]";
    }

    public static final class Builder {
        private final List<Token> tokens = new ArrayList<>();
        private final List<UserPassword> users = new ArrayList<>();
        private final List<ClientSubject> subjects = new ArrayList<>();

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

        /**
         * A client certificate subject, as an RFC 2253 distinguished name ({@code CN=gateway-1,O=Example});
         * the name in the history and the audit is that name.
         *
         * @throws IllegalArgumentException when it is not a distinguished name
         */
        public Builder clientSubject(String distinguishedName, Role role) {
            requireUsable(distinguishedName, "client certificate subject");
            X500Principal subject = new X500Principal(distinguishedName);
            subjects.add(new ClientSubject(subject, new Principal(subject.getName(), role)));
            return this;
        }

        public ApiCredentials build() {
            return new ApiCredentials(tokens, users, subjects);
        }

        private static void requireUsable(String value, String what) {
            if (value == null || value.isBlank()) throw new IllegalArgumentException("an empty " + what + " would open the API to anyone");
        }
    }
}
