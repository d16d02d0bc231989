package org.proxyconfig.bootstrap;

/**
 * A setting (an environment variable or its application.yaml key) has a value that cannot be used:
 * a startup refusal whose message names the setting, the value and what is allowed. Only settings
 * that are not secrets are quoted.
 */
final class InvalidSettingException extends IllegalArgumentException {

    InvalidSettingException(String message) {
        super(message);
    }
}
