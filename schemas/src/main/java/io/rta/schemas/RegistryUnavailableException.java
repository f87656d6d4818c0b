package io.rta.schemas;

/**
 * The schema registry could not be reached or answered with a server error: a transient condition. A record whose
 * schema cannot be resolved for this reason must be retried once the registry is back, never skipped or set aside as
 * a dead letter (that would lose data). Contrast a plain {@link SchemaRegistryException} for a definite answer, such
 * as an unknown schema id.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code error} or one of its causes says the registry was unavailable. */
    public static boolean isCauseOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
