package org.proxyconfig.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.proxyconfig.adapters.http.declaration.InvalidDeclarationException;
import org.proxyconfig.adapters.http.tls.InvalidTlsFileException;
import org.proxyconfig.adapters.persistence.DatabaseUnavailableException;
import org.proxyconfig.adapters.persistence.EncryptionKeyMismatchException;
import org.proxyconfig.adapters.persistence.crypto.InvalidEncryptionKeyException;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.domain.Secret;

/**
 * What {@link Main} prints when the start fails, for the operator who must fix it: the exception's
 * class and message and, one line each, its causes. A refusal this code raises on purpose (a bad
 * setting or declaration, a wrong or unusable key, a database that cannot be opened) says what to
 * fix in its message, so that is all (a TLS file's names the file, never its content); anything
 * else is a bug or a surprise, and its stack trace follows.
 *
 * <p>Secrets: the exceptions are written never to carry one (settings and declarations name the
 * field, not the value; {@code Database} scrubs the driver's messages and drops a cause that quotes
 * the URL or the password). As a last guard, any configured secret that still shows up in the
 * text, a cause's or a stack trace's included, is printed as {@code <redacted>}.
 */
final class StartupFailure {

    private static final List<Class<? extends Throwable>> REFUSALS = List.of(
            InvalidSettingException.class, InvalidDeclarationException.class, DatabaseUnavailableException.class,
            EncryptionKeyMismatchException.class, InvalidEncryptionKeyException.class,
            StoreUnavailableException.class, StoreFaultException.class, InvalidTlsFileException.class);

    private StartupFailure() {
    }

    /** The report of {@code failure}, ending with a line break, with every set secret of {@code secrets} redacted. */
    static String describe(Throwable failure, List<Secret> secrets) {
        boolean refusal = REFUSALS.stream().anyMatch(type -> type.isInstance(failure));
        StringBuilder text = new StringBuilder("proxy-config failed to start")
                .append(refusal ? ": " : " (unexpectedly): ").append(line(failure)).append('\n');
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            text.append("  caused by: ").append(line(cause)).append('\n');
        }
        if (!refusal) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace, true));
            text.append(trace);
        }
        return redact(text.toString(), secrets);
    }

    private static String line(Throwable t) {
        return t.getClass().getName() + ": " + (t.getMessage() == null ? "(no message)" : t.getMessage());
    }

    private static String redact(String text, List<Secret> secrets) {
        String redacted = text;
        for (Secret secret : secrets) {
            if (secret.isSet()) redacted = redacted.replace(secret.reveal(), Secret.REDACTED);
        }
        return redacted;
    }
}
