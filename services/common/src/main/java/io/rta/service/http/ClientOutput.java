package io.rta.service.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream to a client, counting what was written and remembering whether the client's side failed: a client that
 * went away is not the server's failure, and an answer that failed after bytes went out must be cut off, not ended.
 */
public final class ClientOutput extends FilterOutputStream {

    private long written;
    private boolean clientFailed;

    public ClientOutput(OutputStream out) {
        super(out);
    }

    /** Bytes the client's stream took. */
    public long written() {
        return written;
    }

    /** True once a write or flush to the client failed. */
    public boolean clientFailed() {
        return clientFailed;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
        written += len;
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }
}
