package archfixture.domain;

/** Breaks "domain depends on java only". */
public class DomainUsingHelidon {
    io.helidon.http.Status status;
}
