package archfixture.domain;

/** Breaks "domain uses no JDBC" (java.sql) and, through javax.sql, "domain depends on java only". */
public class DomainUsingJdbc {
    java.sql.Connection connection;
    javax.sql.DataSource dataSource;
}
