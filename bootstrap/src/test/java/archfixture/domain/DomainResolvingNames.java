package archfixture.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Breaks "domain does no network I/O" with a DNS lookup, though InetAddress itself is allowed. */
public class DomainResolvingNames {
    InetAddress resolve(String host) throws UnknownHostException {
        return InetAddress.getByName(host);
    }
}
