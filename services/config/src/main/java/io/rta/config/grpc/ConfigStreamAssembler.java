package io.rta.config.grpc;

import com.google.protobuf.ByteString;
import io.rta.config.validation.InvalidConfigException;
import io.rta.proto.toolkit.config.ConfigStreamMessage;
import io.rta.proto.toolkit.config.ConfigStreamMessage.ConfigInfo;

/**
 * Assembles the messages of one PutConfigStream call into a config: {@code info} first and once, then pieces,
 * never more than the configured maximum size.
 */
final class ConfigStreamAssembler {

    private final int maxConfigBytes;
    private ConfigInfo info;
    // a rope of the received pieces: appending copies nothing, and the one copy happens in finish()
    private ByteString data = ByteString.EMPTY;

    ConfigStreamAssembler(int maxConfigBytes) {
        this.maxConfigBytes = maxConfigBytes;
    }

    /** Takes the next message of the stream. */
    void accept(ConfigStreamMessage message) throws InvalidConfigException {
        switch (message.getTypeCase()) {
            case INFO -> acceptInfo(message.getInfo());
            case PIECE -> acceptPiece(message.getPiece());
            default -> throw new InvalidConfigException(
                    "PutConfigStream message " + describePosition() + " sets neither info nor piece");
        }
    }

    /** The stream's info, or {@code null} before it arrived. */
    ConfigInfo info() {
        return info;
    }

    /** Identifier for log messages, whether or not info has arrived. */
    String identifier() {
        return info == null ? "(no info yet)" : info.getIdentifier();
    }

    /** The whole config, once the client has completed the stream; releases the pieces. */
    byte[] finish() throws InvalidConfigException {
        if (info == null) {
            throw new InvalidConfigException("PutConfigStream ended without info: "
                    + "the first message must be info with identifier and content_type");
        }
        byte[] bytes = data.toByteArray();
        discard();
        return bytes;
    }

    /** Drops whatever was received, so an aborted stream stops holding memory. */
    void discard() {
        data = ByteString.EMPTY;
    }

    private void acceptInfo(ConfigInfo next) throws InvalidConfigException {
        if (info != null) {
            throw new InvalidConfigException("PutConfigStream for config '" + info.getIdentifier()
                    + "' sent info twice: info must be the first message and only the first");
        }
        info = next;
    }

    private void acceptPiece(ByteString piece) throws InvalidConfigException {
        if (info == null) {
            throw new InvalidConfigException("PutConfigStream sent a piece before info: "
                    + "the first message must be info with identifier and content_type");
        }
        if ((long) data.size() + piece.size() > maxConfigBytes) {
            throw new InvalidConfigException("config '" + info.getIdentifier() + "' exceeds the maximum size of "
                    + maxConfigBytes + " bytes (" + ConfigStoreLimits.MAX_CONFIG_SIZE_OPTION + ")");
        }
        data = data.concat(piece);
    }

    private String describePosition() {
        return info == null ? "before info" : "after " + data.size() + " bytes of config '" + identifier() + "'";
    }
}
