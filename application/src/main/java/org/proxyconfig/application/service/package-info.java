/**
 * The services: each implements use cases of {@code port.in} over the out-ports of
 * {@code port.out}. Only the composition root (bootstrap) builds them and hands their in-ports to
 * the adapters; an adapter never sees this package (an ArchUnit rule in bootstrap checks it).
 */
package org.proxyconfig.application.service;
