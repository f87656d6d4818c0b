package io.rta.service.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed response body that fails honestly. An error while nothing has left the server (Jersey buffers the first
 * 8 KiB; a {@link #gathered} body first fills its own 128 KiB) is thrown on, so the exception mappers answer it with
 * its own status and JSON body. An error after bytes went out drops the connection, so the client sees a broken
 * transfer and retries: Jersey alone would end the body cleanly and the client would take a truncated {@code 200} for
 * the whole answer. A client that went away is not our failure and is passed on as before.
 *
 * <p>A {@link #gathered} body collects its many small writes (a chunk is a header of a few bytes and a payload of up
 * to 64 KiB) into writes of {@value #WRITE_BUFFER_BYTES} bytes: Jetty sends each write larger than its own small
 * aggregation buffer as a socket write of its own, and a system call per chunk cost the file data service's reads
 * 2–9% of their CPU (measured A/B, README "File data service"). Only for bodies made as fast as they can be sent (a
 * local scan or store read): bytes gathered wait for the next ones, so a body fed by a slow upstream (a relay, an
 * InfluxDB answer) is sent as it comes ({@link #of}).
 */
public final class StreamedBody implements StreamingOutput {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedBody.class);
    /** Jersey's response buffer ({@code ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER}, default): it commits past it. */
    private static final int JERSEY_BUFFER_BYTES = 8192;
    /** What the body gathers before it writes on (see the class comment). */
    static final int WRITE_BUFFER_BYTES = 128 * 1024;

    /** Writes a body; may fail part-way. */
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpServletRequest request;
    private final Writer writer;
    private final int gather;

    private StreamedBody(HttpServletRequest request, Writer writer, int gather) {
        this.request = request;
        this.writer = writer;
        this.gather = gather;
    }

    /**
     * A body sent as it is written.
     *
     * @param request the request being answered (null outside a servlet container: errors are then thrown on)
     */
    public static StreamingOutput of(HttpServletRequest request, Writer writer) {
        return new StreamedBody(request, writer, 0);
    }

    /** A body whose writes are gathered into {@value #WRITE_BUFFER_BYTES} bytes (see the class comment). */
    public static StreamingOutput gathered(HttpServletRequest request, Writer writer) {
        return new StreamedBody(request, writer, WRITE_BUFFER_BYTES);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        ClientOutput counted = new ClientOutput(out);
        try {
            if (gather > 0) {
                BufferedOutputStream buffered = new BufferedOutputStream(counted, gather);
                writer.writeTo(buffered);
                buffered.flush();
            } else {
                writer.writeTo(counted);
            }
        } catch (IOException | RuntimeException e) {
            if (counted.written() == 0 || counted.clientFailed() || request == null) {
                throw e;
            }
            ServletContextRequest servlet = ServletContextRequest.getServletContextRequest(request);
            if (servlet == null) {
                throw e;
            }
            boolean committed = servlet.getServletContextResponse().isCommitted();
            if (!committed && counted.written() <= JERSEY_BUFFER_BYTES) {
                // Jersey still holds everything (and would send it with a Content-Length even after an abort):
                // thrown on, the exception mappers answer instead and the buffered bytes are dropped
                throw e;
            }
            if (!committed) {
                out.flush();
            }
            LOG.warn("{} {} failed after {} bytes of the body were sent; dropping the connection so the client "
                    + "sees an incomplete answer: {}", request.getMethod(), request.getRequestURI(), counted.written(),
                    e.toString());
            servlet.getServletChannel().abort(e);
        }
    }
}
