package archfixture.domain;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Breaks no rule: what the real domain uses from java.net and java.io (IpAddress prints an address
 * from its bytes, ProxyConfigRules reads a certificate from memory, targets are URIs).
 */
public class DomainFormattingAddresses {
    URI target;

    String print(byte[] address) throws UnknownHostException {
        return InetAddress.getByAddress(address).getHostAddress();
    }

    ByteArrayInputStream inMemory(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
