package archfixture.cycle.a;

/** Half of a package cycle. */
public class A {
    archfixture.cycle.b.B b;
}
