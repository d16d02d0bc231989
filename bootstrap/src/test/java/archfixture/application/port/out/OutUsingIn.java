package archfixture.application.port.out;

/** Breaks "port.out does not see port.in" (and makes a cycle between the ports). */
public interface OutUsingIn {
    archfixture.application.port.in.InUsingOut back();
}
