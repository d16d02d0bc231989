package org.proxyconfig.adapters.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made the way operators make them, with the openssl command line (Debian package
 * openssl): CAs, server and client certificates signed by them, expired ones, and keys in the
 * forms openssl writes. Each instance works in its own directory.
 */
public final class OpensslPki {

    public static final char[] PASSWORD = "changeit".toCharArray();

    private final Path dir;

    public OpensslPki(Path dir) {
        this.dir = dir;
    }

    /** A certificate and its key, as PEM files. */
    public record Issued(Path certificate, Path key) {
        public X509Certificate x509() {
            try (InputStream in = Files.newInputStream(certificate)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A self-signed CA (EC P-256), valid for two days. */
    public Issued ca(String name) {
        Issued ca = files(name);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2",
                "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /**
     * A certificate issued by {@code ca} for loopback (server and client use), with a new key made by
     * {@code keyAlgorithm} ({@code rsa:2048}, {@code ec}, {@code ed25519}); {@code days} may be
     * negative for one that has already expired.
     */
    public Issued issue(Issued ca, String name, String subject, String keyAlgorithm, int days) {
        Issued issued = files(name);
        Path csr = dir.resolve(name + ".csr");
        List<String> request = new ArrayList<>(List.of("req", "-new", "-nodes", "-keyout", issued.key().toString(),
                "-out", csr.toString(), "-subj", subject));
        switch (keyAlgorithm) {
            case "ec" -> request.addAll(List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
            default -> request.addAll(List.of("-newkey", keyAlgorithm));
        }
        openssl(request.toArray(String[]::new));
        Path extensions = dir.resolve(name + ".ext");
        write(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.certificate().toString(), "-CAkey", ca.key().toString(),
                "-CAcreateserial", "-days", Integer.toString(days), "-extfile", extensions.toString(),
                "-out", issued.certificate().toString());
        return issued;
    }

    /** The key rewritten in the traditional form (PKCS#1 for RSA, SEC1 for EC). */
    public Path traditional(Issued issued) {
        Path out = dir.resolve(issued.key().getFileName() + ".traditional.pem");
        openssl("pkey", "-in", issued.key().toString(), "-traditional", "-out", out.toString());
        return out;
    }

    /** The key encrypted with a pass phrase (PKCS#8, ENCRYPTED PRIVATE KEY). */
    public Path encrypted(Issued issued) {
        Path out = dir.resolve(issued.key().getFileName() + ".encrypted.pem");
        openssl("pkcs8", "-topk8", "-in", issued.key().toString(), "-passout", "pass:changeit", "-out", out.toString());
        return out;
    }

    /** A JDK client context that trusts {@code trusted} and, when given, presents {@code client}. */
    public SSLContext clientContext(Issued trusted, Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted.x509());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                Path p12 = dir.resolve(client.certificate().getFileName() + ".p12");
                openssl("pkcs12", "-export", "-in", client.certificate().toString(), "-inkey", client.key().toString(),
                        "-passout", "pass:" + new String(PASSWORD), "-out", p12.toString());
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12)) {
                    keys.load(in, PASSWORD);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new AssertionError("cannot build the client TLS context: " + e, e);
        }
    }

    private Issued files(String name) {
        return new Issued(dir.resolve(name + ".crt.pem"), dir.resolve(name + ".key.pem"));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl (Debian package openssl): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
