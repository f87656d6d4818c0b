package io.rta.config.validation;

/** A config, or the request carrying it, breaks a rule; the message names the field and the rule. */
public class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
