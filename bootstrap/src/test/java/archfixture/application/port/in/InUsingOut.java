package archfixture.application.port.in;

import archfixture.application.port.out.OutUsingIn;

/** Breaks "port.in does not see port.out". */
public interface InUsingOut {
    OutUsingIn port();
}
