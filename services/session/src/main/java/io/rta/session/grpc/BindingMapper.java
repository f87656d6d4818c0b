package io.rta.session.grpc;

import com.google.protobuf.Int64Value;
import io.rta.events.ConfigBinding;
import io.rta.events.DataBinding;
import io.rta.events.DataBindingKey;
import io.rta.events.DataChannelBinding;
import io.rta.proto.toolkit.session.SessionUpdate;
import java.util.List;

/**
 * Config and data bindings between proto and Avro. The proto's uint32 channel numbers and offsets are Avro
 * longs (read unsigned); a data binding without key maps to a null key, which the validator rejects.
 */
final class BindingMapper {

    private BindingMapper() {
    }

    static List<ConfigBinding> configBindings(SessionUpdate.ConfigBindingsList list) {
        return list.getConfigBindingsList().stream()
                .map(b -> new ConfigBinding(b.getIdentifier(), Integer.toUnsignedLong(b.getChannelOffset())))
                .toList();
    }

    static List<DataBinding> dataBindings(SessionUpdate.DataBindingsList list) {
        return list.getDataBindingsList().stream().map(BindingMapper::toAvro).toList();
    }

    static List<DataBindingKey> dataBindingKeys(SessionUpdate.DataBindingKeysList list) {
        return list.getKeysList().stream().map(BindingMapper::toAvro).toList();
    }

    // The constructor, not the builder: a missing key must reach the validator as null instead of failing here.
    static DataBinding toAvro(io.rta.proto.toolkit.session.DataBinding binding) {
        return new DataBinding(
                binding.hasKey() ? toAvro(binding.getKey()) : null,
                binding.hasSessionStartTime() ? binding.getSessionStartTime().getValue() : null,
                binding.hasSessionEndTime() ? binding.getSessionEndTime().getValue() : null,
                binding.getSessionTimeOffset(),
                binding.getDataChannelBindingsList().stream().map(BindingMapper::toAvro).toList());
    }

    static DataBindingKey toAvro(io.rta.proto.toolkit.session.DataBindingKey key) {
        return new DataBindingKey(key.getSource(), key.getIdentity(), key.getTimeRef());
    }

    static DataChannelBinding toAvro(io.rta.proto.toolkit.session.DataChannelBinding channels) {
        return new DataChannelBinding(Integer.toUnsignedLong(channels.getFirstDataChannel()),
                Integer.toUnsignedLong(channels.getFirstSessionChannel()),
                Integer.toUnsignedLong(channels.getLastSessionChannel()));
    }

    static io.rta.proto.toolkit.session.DataBinding toProto(DataBinding binding) {
        var proto = io.rta.proto.toolkit.session.DataBinding.newBuilder()
                .setSessionTimeOffset(binding.getSessionTimeOffset());
        if (binding.getKey() != null) {
            proto.setKey(toProto(binding.getKey()));
        }
        if (binding.getSessionStartTime() != null) {
            proto.setSessionStartTime(Int64Value.of(binding.getSessionStartTime()));
        }
        if (binding.getSessionEndTime() != null) {
            proto.setSessionEndTime(Int64Value.of(binding.getSessionEndTime()));
        }
        binding.getDataChannelBindings().forEach(c -> proto.addDataChannelBindings(toProto(c)));
        return proto.build();
    }

    private static io.rta.proto.toolkit.session.DataBindingKey toProto(DataBindingKey key) {
        return io.rta.proto.toolkit.session.DataBindingKey.newBuilder()
                .setSource(key.getSource()).setIdentity(key.getIdentity()).setTimeRef(key.getTimeRef()).build();
    }

    // Values are validated to 0..4294967295 before they are stored, so the cast keeps the uint32 bits.
    private static io.rta.proto.toolkit.session.DataChannelBinding toProto(DataChannelBinding channels) {
        return io.rta.proto.toolkit.session.DataChannelBinding.newBuilder()
                .setFirstDataChannel((int) channels.getFirstDataChannel())
                .setFirstSessionChannel((int) channels.getFirstSessionChannel())
                .setLastSessionChannel((int) channels.getLastSessionChannel())
                .build();
    }
}
