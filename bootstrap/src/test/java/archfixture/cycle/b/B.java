package archfixture.cycle.b;

/** The other half of a package cycle. */
public class B {
    archfixture.cycle.a.A a;
}
