package archfixture.domain;

/** Breaks "domain does no network I/O": all of it is java.., which the first domain rule lets through. */
public class DomainUsingSockets {
    java.net.Socket socket;
    java.net.http.HttpClient client;
}
