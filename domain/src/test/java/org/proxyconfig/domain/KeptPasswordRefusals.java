package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The stored-password guard's refusal, as every test of it expects it: on the password field, never quoting the secret. */
final class KeptPasswordRefusals {

    private KeptPasswordRefusals() {
    }

    /** Runs {@code keeping}, which asks to keep a stored password, and checks it was refused as the guard refuses. */
    static void assertRefused(ThrowingCallable keeping, String field, String storedSecret) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, keeping);

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.code()).isEqualTo("password_required");
        assertThat(e.getMessage()).doesNotContain(storedSecret);
    }
}
