package archfixture.domain;

/** Breaks "domain depends on java only". */
public class DomainUsingJdbc {
    java.sql.Connection connection;
    io.helidon.http.Status status;
}
