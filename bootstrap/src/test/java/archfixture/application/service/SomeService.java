package archfixture.application.service;

/** A service: only the composition root may build it. */
public class SomeService {
}
