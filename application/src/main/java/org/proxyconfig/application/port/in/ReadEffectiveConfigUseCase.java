package org.proxyconfig.application.port.in;

/**
 * Hands the configuration in force, password included, to a machine that applies it (the egress
 * role; docs/decisions/0011-the-egress-role.md). Every hand-over is audited.
 */
public interface ReadEffectiveConfigUseCase {

    /** Who reads and from where, for the audit line: names and addresses, never a credential. */
    record Reader(String name, String from) {
    }

    /** The revision in force on this instance: served from memory, so it answers while the store is down. */
    CurrentProxyConfig inForce();

    /** Records that {@code reader} was given {@code handedOver} (one audit line, without the secret). */
    void handedOver(CurrentProxyConfig handedOver, Reader reader);
}
