package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyUrlTest {

    @ParameterizedTest(name = "{0} {1} -> {2}://{3}:{4}")
    @CsvSource(delimiter = '|', textBlock = """
            # type  | url                              | scheme  | host             | port
            HTTP    | http://proxy.corp:3128           | http    | proxy.corp       | 3128
            HTTP    | http://proxy.corp                | http    | proxy.corp       | 80
            HTTP    | https://proxy.corp               | https   | proxy.corp       | 443
            HTTP    | https://proxy.corp:8443          | https   | proxy.corp       | 8443
            HTTP    | proxy.corp:3128                  | http    | proxy.corp       | 3128
            HTTP    | proxy.corp                       | http    | proxy.corp       | 80
            HTTP    | HTTP://Proxy.CORP:3128           | http    | proxy.corp       | 3128
            HTTP    | http://proxy.corp:3128/          | http    | proxy.corp       | 3128
            HTTP    | http://proxy.corp.:3128          | http    | proxy.corp       | 3128
            HTTP    | http://10.0.0.5:3128             | http    | 10.0.0.5         | 3128
            HTTP    | http://127.0.0.1:3128            | http    | 127.0.0.1        | 3128
            HTTP    | http://localhost:3128            | http    | localhost        | 3128
            HTTP    | http://[::1]:3128                | http    | ::1              | 3128
            HTTP    | [2001:DB8::1]:3128               | http    | 2001:db8::1      | 3128
            HTTP    | https://[2001:db8::1]            | https   | 2001:db8::1      | 443
            HTTP    | http://proxy.corp:65535          | http    | proxy.corp       | 65535
            HTTP    | http://proxy.corp:1              | http    | proxy.corp       | 1
            HTTP    | http://xn--bcher-kva.example:80  | http    | xn--bcher-kva.example | 80
            SOCKS5  | socks5://10.0.0.5                | socks5  | 10.0.0.5         | 1080
            SOCKS5  | socks5://10.0.0.5:9050           | socks5  | 10.0.0.5         | 9050
            SOCKS5  | socks5h://proxy.corp             | socks5h | proxy.corp       | 1080
            SOCKS5  | SOCKS5H://proxy.corp:1081        | socks5h | proxy.corp       | 1081
            SOCKS5  | proxy.corp                       | socks5  | proxy.corp       | 1080
            SOCKS5  | proxy.corp:1081                  | socks5  | proxy.corp       | 1081
            TCP     | tcp://proxy.corp:3128            | tcp     | proxy.corp       | 3128
            TCP     | proxy.corp:3128                  | tcp     | proxy.corp       | 3128
            TCP     | tcp://[::1]:3128                 | tcp     | ::1              | 3128
            """)
    void parsesUrlIntoSchemeHostAndPort(ProxyType type, String url, String scheme, String host, int port) {
        assertThat(ProxyUrl.parse(type, url)).isEqualTo(new ProxyEndpoint(scheme, host, port));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            HTTP   | socks5://proxy.corp:1080           | scheme 'socks5' is not valid for proxy type http; use http://, https:// or host:port
            HTTP   | ftp://proxy.corp:21                | scheme 'ftp' is not valid for proxy type http
            HTTP   | tcp://proxy.corp:3128              | scheme 'tcp' is not valid for proxy type http
            SOCKS5 | http://proxy.corp:3128             | scheme 'http' is not valid for proxy type socks5; use socks5://, socks5h:// or host:port
            SOCKS5 | socks4://proxy.corp:1080           | scheme 'socks4' is not valid
            TCP    | http://proxy.corp:3128             | scheme 'http' is not valid for proxy type tcp; use tcp:// or host:port
            HTTP   | 1http://proxy.corp:3128            | does not start with a valid scheme
            HTTP   | ://proxy.corp:3128                 | does not start with a valid scheme
            HTTP   | http://proxy.corp:3128/path        | has a path
            HTTP   | http://proxy.corp:3128//           | has a path
            HTTP   | http://proxy.corp:3128?x=1         | has a query
            HTTP   | http://proxy.corp:3128/?x=1        | has a query
            HTTP   | http://proxy.corp:3128#top         | has a fragment
            HTTP   | http://alice:pw@proxy.corp:3128    | must not contain credentials
            HTTP   | http://alice@proxy.corp:3128       | must not contain credentials
            HTTP   | alice:pw@proxy.corp:3128           | must not contain credentials
            HTTP   | http://::1:3128                    | IPv6 address without brackets
            HTTP   | 2001:db8::1                        | IPv6 address without brackets
            HTTP   | http://[::1:3128                   | has '[' without ']'
            HTTP   | http://[::1]3128                   | has text after ']'
            HTTP   | http://[::g]:3128                  | is not a valid IPv6 address
            HTTP   | http://[10.0.0.1]:3128             | is not a valid IPv6 address
            HTTP   | http://[fe80::1%eth0]:3128         | zone ids
            HTTP   | http://                            | has no host
            HTTP   | http://:3128                       | has no host before the port
            HTTP   | http://proxy.corp:                 | ends with ':' but has no port
            HTTP   | http://proxy.corp:0                | port '0' is not a number from 1 to 65535
            HTTP   | http://proxy.corp:65536            | port '65536' is not a number from 1 to 65535
            HTTP   | http://proxy.corp:-1               | port '-1' is not a number
            HTTP   | http://proxy.corp:http             | port 'http' is not a number
            HTTP   | http://proxy.corp:000003128        | port '000003128' is not a number
            TCP    | tcp://proxy.corp                   | proxy type tcp has no default port
            TCP    | proxy.corp                         | proxy type tcp has no default port
            HTTP   | http://300.1.1.1:3128              | host '300.1.1.1' is not a valid IPv4 address
            HTTP   | http://010.0.0.1:3128              | host '010.0.0.1' is not a valid IPv4 address
            HTTP   | http://10.1:3128                   | host '10.1' is not a valid IPv4 address
            HTTP   | http://0x7f.0.0.1:3128             | host '0x7f.0.0.1' is not a valid IPv4 address
            HTTP   | http://2130706433:3128             | host '2130706433' is not a valid IPv4 address
            HTTP   | http://proxy..corp:3128            | empty label
            HTTP   | http://-proxy.corp:3128            | a label starts or ends with '-'
            HTTP   | http://proxy-.corp:3128            | a label starts or ends with '-'
            HTTP   | http://my_proxy.corp:3128          | has the character '_'
            HTTP   | http://bücher.example:3128         | punycode
            HTTP   | http://0.0.0.0:3128                | is an unspecified address
            HTTP   | http://0.1.2.3:3128                | is an unspecified address
            HTTP   | http://[::]:3128                   | is an unspecified address
            HTTP   | http://169.254.169.254             | is a link-local address
            HTTP   | http://169.254.0.1:3128            | is a link-local address
            HTTP   | http://[fe80::1]:3128              | is a link-local address
            HTTP   | http://[febf::1]:3128              | is a link-local address
            HTTP   | http://[::ffff:169.254.169.254]    | is a link-local address
            HTTP   | http://100.100.100.200             | is a cloud metadata address
            HTTP   | http://[fd00:ec2::254]             | is a cloud metadata address
            HTTP   | http://metadata                    | 'metadata' is a cloud metadata service
            HTTP   | http://metadata.google.internal    | 'metadata.google.internal' is a cloud metadata service
            HTTP   | http://METADATA.Google.Internal.   | 'metadata.google.internal' is a cloud metadata service
            HTTP   | ""                                 | is empty
            """)
    void rejectsInvalidUrlNamingTheProblem(ProxyType type, String url, String reason) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> ProxyUrl.parse(type, url));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo("url");
        assertThat(e.code()).isEqualTo("invalid_proxy_url");
        assertThat(e.getMessage()).startsWith("url: ").contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ' http://proxy.corp:3128'   | leading or trailing spaces
            'http://proxy.corp:3128 '   | leading or trailing spaces
            'http://proxy corp:3128'    | contains a space or control character at position 13
            """)
    void rejectsUrlWithSpaces(String url, String reason) {
        assertThatThrownBy(() -> ProxyUrl.parse(ProxyType.HTTP, url))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://alice:Sup3rS3cret@proxy.corp:3128
            http://alice:Sup3rS3cret@proxy.corp:3128/path?q=1
            ftp://alice:Sup3rS3cret@proxy.corp
            http://alice:Sup3rS3cret/@proxy.corp:3128
            alice:Sup3rS3cret@[::1]:3128
            """)
    void neverQuotesCredentialsOfTheUrlInTheReason(String url) {
        assertThatThrownBy(() -> ProxyUrl.parse(ProxyType.HTTP, url))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("username and password fields")
                .hasMessageNotContaining("Sup3rS3cret")
                .hasMessageNotContaining("alice");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://proxy.corp:3128/?token=t0kenValue
            http://proxy.corp:3128/t0kenValue
            http://proxy.corp:3128#t0kenValue
            """)
    void neverQuotesQueryPathOrFragmentInTheReason(String url) {
        assertThatThrownBy(() -> ProxyUrl.parse(ProxyType.HTTP, url))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageNotContaining("t0kenValue");
    }

    @Test
    void writesEndpointBackAsUrlWithIpv6InBrackets() {
        ProxyEndpoint endpoint = ProxyUrl.parse(ProxyType.HTTP, "https://[2001:db8::1]:8443");

        assertThat(endpoint.toUrl()).isEqualTo("https://[2001:db8::1]:8443");
        assertThat(endpoint.tlsToProxy()).isTrue();
    }

    @Test
    void marksSocks5hAsResolvingNamesAtTheProxy() {
        assertThat(ProxyUrl.parse(ProxyType.SOCKS5, "socks5h://proxy.corp").proxyResolvesNames()).isTrue();
        assertThat(ProxyUrl.parse(ProxyType.SOCKS5, "socks5://proxy.corp").proxyResolvesNames()).isFalse();
    }
}
