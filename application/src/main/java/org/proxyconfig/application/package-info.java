/**
 * The application layer: the use cases ({@code port.in}), what they need ({@code port.out}) and
 * the services that implement them ({@code service}). This package itself holds only what both
 * sides of the hexagon share, since {@code port.in} and {@code port.out} must not see each other:
 * the failures a use case reports and an out-port raises
 * ({@link org.proxyconfig.application.StoreUnavailableException} and its kin), and the vocabulary of
 * an outbound request's outcome ({@link org.proxyconfig.application.ProbeResult},
 * {@link org.proxyconfig.domain.EgressFailure}) that the prober reports and the dry run answers.
 */
package org.proxyconfig.application;
