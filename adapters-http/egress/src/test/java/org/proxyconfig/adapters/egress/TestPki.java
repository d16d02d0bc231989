package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A self-signed certificate for the test targets and the TLS proxy, made once per test JVM with
 * the running JDK's {@code keytool} (no library can do it in the JDK's public API). Its names
 * cover the loopback address, this machine's non-loopback address and its host name.
 */
public final class TestPki {

    private static TestPki instance;

    public static final char[] PASSWORD = "changeit".toCharArray();

    public final Path dir;
    public final KeyStore keyStore;
    public final X509Certificate certificate;
    public final String certificatePem;
    /** Certificate and private key in one PEM file, as stunnel wants it. */
    public final Path certAndKeyPem;

    public static synchronized TestPki get() {
        if (instance == null) instance = create();
        return instance;
    }

    private TestPki(Path dir, KeyStore keyStore, X509Certificate certificate, String certificatePem, Path certAndKeyPem) {
        this.dir = dir;
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.certificatePem = certificatePem;
        this.certAndKeyPem = certAndKeyPem;
    }

    /** An address of this machine that is neither loopback nor link-local: routing treats it as a remote host. */
    public static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            throw new AssertionError("cannot list the network interfaces", e);
        }
        throw new AssertionError("this machine has no non-loopback IPv4 address; the egress integration tests need one"
                + " because loopback targets are always direct (docs/decisions/0003-url-and-no-proxy-semantics.md) and can never prove passage through a proxy");
    }

    /** This machine's host name: a name (not localhost) that resolves, for proxy-side resolution tests. */
    public static String hostName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = local.getHostName();
            if (name.equalsIgnoreCase("localhost") || name.endsWith(".localhost") || name.equals(local.getHostAddress())) {
                throw new AssertionError("this machine's host name '" + name + "' is not usable as a test target name");
            }
            return name;
        } catch (IOException e) {
            throw new AssertionError("this machine's host name does not resolve (check /etc/hosts)", e);
        }
    }

    /** Deletes a test's temporary directory and everything in it. */
    public static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp file is not a test failure
        }
    }

    private static TestPki create() {
        try {
            Path dir = Files.createTempDirectory("proxy-config-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path p12 = dir.resolve("test.p12");
            String san = "SAN=ip:127.0.0.1,ip:" + nonLoopbackAddress().getHostAddress() + ",dns:localhost,dns:" + hostName();
            run(keytool(), "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=proxy-config test target", "-ext", san,
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                keyStore.load(in, PASSWORD);
            }
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate("test");
            PrivateKey key = (PrivateKey) keyStore.getKey("test", PASSWORD);
            String certificatePem = pem("CERTIFICATE", certificate.getEncoded());
            Path both = dir.resolve("stunnel.pem");
            Files.writeString(both, certificatePem + pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(both, PosixFilePermissions.fromString("rw-------"));
            return new TestPki(dir, keyStore, certificate, certificatePem, both);
        } catch (Exception e) {
            throw new AssertionError("cannot create the test certificate: " + e, e);
        }
    }

    /** A server-side TLS context presenting the test certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The system roots plus the test certificate: lets direct test traffic reach the self-signed target. */
    public X509ExtendedTrustManager systemPlusTestCertificate() {
        return TrustManagers.anyOf(TrustManagers.system(), TrustManagers.trusting(List.of(certificate)));
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String keytool() {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("cannot find the running java binary"));
        Path keytool = Path.of(java).resolveSibling("keytool");
        if (!Files.isExecutable(keytool)) throw new AssertionError("no keytool beside " + java);
        return keytool.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
    }
}
