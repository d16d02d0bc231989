/**
 * The application layer: the use cases ({@code port.in}), what they need ({@code port.out}) and
 * the services that implement them ({@code service}). This package itself holds only what both
 * sides of the hexagon share: the failures a use case reports and an out-port raises
 * ({@link org.proxyconfig.application.StoreUnavailableException} and its kin), which the HTTP adapter maps to
 * statuses and the persistence adapter throws.
 */
package org.proxyconfig.application;
