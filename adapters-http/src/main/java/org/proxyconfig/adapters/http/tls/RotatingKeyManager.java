package org.proxyconfig.adapters.http.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the API's certificate, the one on disk now. Each loaded pair gets an alias of its own,
 * so a handshake that chose its alias just before a rotation still gets the key and the chain of
 * the same pair (the TLS stack asks for them separately, after choosing).
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    record Generation(String alias, ServerIdentity identity) {
    }

    private final ReloadingFiles<Generation> source;
    private Generation latest;
    private Generation before;

    RotatingKeyManager(ReloadingFiles<Generation> source) {
        this.source = source;
        this.latest = source.current();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    /** The TLS stack asks once per signature scheme it could use; only the key's own type fits. */
    private String choose(String keyType) {
        Generation generation = remember(source.current());
        return generation.identity().key().getAlgorithm().equals(keyType) ? generation.alias() : null;
    }

    private synchronized Generation remember(Generation current) {
        if (current != latest) {
            before = latest;
            latest = current;
        }
        return current;
    }

    private synchronized ServerIdentity identity(String alias) {
        if (latest.alias().equals(alias)) return latest.identity();
        if (before != null && before.alias().equals(alias)) return before.identity();
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerIdentity identity = identity(alias);
        return identity == null ? null : identity.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerIdentity identity = identity(alias);
        return identity == null ? null : identity.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType);
        return alias == null ? null : new String[] {alias};
    }

    // The API is a server: it never authenticates as a client.

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
