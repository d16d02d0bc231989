package archfixture.adapters.http;

/** Breaks "the http adapter does not see the persistence adapter". */
public class HttpUsingPersistence {
    archfixture.adapters.persistence.PersistenceUsingHttp store;
}
