package io.rta.gateway.proxy;

import java.io.IOException;

/**
 * A service behind the gateway could not be asked or did not answer: {@code 502} (refused, reset, closed, a bad
 * answer) or {@code 504} (a timeout). The message is for the client: it names the service, never its address or a
 * data identity.
 */
public final class UpstreamFailure extends IOException {

    private final int status;

    public UpstreamFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** 502 Bad Gateway or 504 Gateway Timeout. */
    public int status() {
        return status;
    }
}
