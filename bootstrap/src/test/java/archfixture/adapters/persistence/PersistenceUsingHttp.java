package archfixture.adapters.persistence;

/** Breaks "the persistence adapter does not see the http adapter". */
public class PersistenceUsingHttp {
    archfixture.adapters.http.HttpUsingPersistence routes;
}
