package org.proxyconfig.application;

/** A revision number that the history does not hold. */
public final class RevisionNotFoundException extends RuntimeException {

    public RevisionNotFoundException(long revision) {
        super("revision " + revision + " does not exist", null, false, false);
    }
}
