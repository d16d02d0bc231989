package archfixture.adapters.http;

/** Breaks "the adapters do not see the services": it builds a service instead of taking an in-port. */
public class HttpUsingService {
    archfixture.application.service.SomeService service = new archfixture.application.service.SomeService();
}
