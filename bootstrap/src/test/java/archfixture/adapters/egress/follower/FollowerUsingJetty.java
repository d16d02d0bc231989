package archfixture.adapters.egress.follower;

/** Breaks "the follower sees neither Jetty nor Helidon": the follower is the JDK HttpClient's alone. */
public class FollowerUsingJetty {
    org.eclipse.jetty.client.HttpClient client;
}
