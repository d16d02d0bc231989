package archfixture.application;

/** Breaks "application never sees Helidon…" and "application depends on the domain and java only". */
public class ApplicationUsingHelidon {
    io.helidon.http.Status status;
    javax.sql.DataSource dataSource;
}
