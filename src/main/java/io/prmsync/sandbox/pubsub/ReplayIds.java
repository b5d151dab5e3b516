package io.prmsync.sandbox.pubsub;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Replay ids as the simulator hands them out: ten bytes, a big-endian position in the event bus followed by two
 * zero bytes, the shape real orgs' ids have. Clients must treat them as opaque; anything else is malformed.
 */
final class ReplayIds {

    private static final int LENGTH = 10;

    private ReplayIds() {}

    static ByteString of(long position) {
        return ByteString.copyFrom(ByteBuffer.allocate(LENGTH).putLong(position).array());
    }

    static OptionalLong position(ByteString replayId) {
        if (replayId.size() != LENGTH || replayId.byteAt(8) != 0 || replayId.byteAt(9) != 0) {
            return OptionalLong.empty();
        }
        long position = replayId.asReadOnlyByteBuffer().getLong();
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
