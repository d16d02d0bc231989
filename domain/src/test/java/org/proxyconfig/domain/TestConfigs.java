package org.proxyconfig.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** A mutable stand-in for a configuration's fields, so that each test states only what it changes. */
final class TestConfigs {

    boolean enabled = true;
    ProxyType type = ProxyType.HTTP;
    String url = "http://proxy.corp:3128";
    String username = "";
    String password = "";
    String noProxy = "";
    int timeoutSeconds = 0;
    boolean scim = true;
    boolean inference = true;
    boolean api = true;
    String caCertPem = "";

    /** A valid, enabled configuration with every purpose on. */
    static TestConfigs valid() { return new TestConfigs(); }

    static TestConfigs with(UnaryOperator<TestConfigs> change) { return change.apply(valid()); }

    TestConfigs enabled(boolean v) { enabled = v; return this; }
    TestConfigs type(ProxyType v) { type = v; return this; }
    TestConfigs url(String v) { url = v; return this; }
    TestConfigs username(String v) { username = v; return this; }
    TestConfigs password(String v) { password = v; return this; }
    TestConfigs noProxy(String v) { noProxy = v; return this; }
    TestConfigs timeout(int v) { timeoutSeconds = v; return this; }
    TestConfigs purposes(boolean scim, boolean inference, boolean api) {
        this.scim = scim; this.inference = inference; this.api = api; return this;
    }
    TestConfigs caCertPem(String v) { caCertPem = v; return this; }

    ProxyConfig build() {
        return ProxyConfig.builder().enabled(enabled).type(type).url(url).username(username)
                .password(Secret.of(password)).noProxy(noProxy).timeoutSeconds(timeoutSeconds)
                .enableForScim(scim).enableForInference(inference).enableForApi(api).caCertPem(caCertPem).build();
    }

    void check() {
        ProxyConfigRules.check(enabled, type, url, username, Secret.of(password), noProxy, timeoutSeconds, caCertPem);
    }

    ProxyConfigDraft draft() {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, enabled).with(ConfigField.TYPE, type.wireName())
                .with(ConfigField.URL, url).with(ConfigField.USERNAME, username).with(ConfigField.PASSWORD, password)
                .with(ConfigField.NO_PROXY, noProxy).with(ConfigField.TIMEOUT, (long) timeoutSeconds)
                .with(ConfigField.ENABLE_FOR_SCIM, scim).with(ConfigField.ENABLE_FOR_INFERENCE, inference)
                .with(ConfigField.ENABLE_FOR_API, api).with(ConfigField.CA_CERT_PEM, caCertPem);
    }

    static String resource(String name) {
        try (InputStream in = TestConfigs.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
