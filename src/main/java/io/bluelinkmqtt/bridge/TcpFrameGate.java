package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.bus.Failure;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameHelper;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands between one TCP connection and the library's frame parser, which (in 5.0.8) buffers whatever length a
 * frame announces and counts no requests. The gate closes the connection on a frame larger than the limit, drops
 * frames that are not JSON or of no known type with an error frame, and refuses a request {@code busy} while the
 * connection already waits for {@code maxInFlight} replies; a reply (or error) written back frees its slot.
 */
final class TcpFrameGate {

  private static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");

  private final NetSocket socket;
  private final int maxFrameBytes;
  private final int maxInFlight;
  /** Touched on the connection's event loop only; a concurrent set all the same, it costs nothing here. */
  private final Set<String> awaitingReply = ConcurrentHashMap.newKeySet();
  private Buffer pending = Buffer.buffer();
  private boolean closed;

  TcpFrameGate(NetSocket socket, int maxFrameBytes, int maxInFlight) {
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
    this.maxInFlight = maxInFlight;
  }

  /** Wraps the library's parser: it only ever sees whole, bounded, well-formed frames. */
  Handler<Buffer> inbound(Handler<Buffer> parser) {
    return chunk -> {
      if (closed) {
        return;
      }
      pending.appendBuffer(chunk);
      while (pending.length() >= 4) {
        int length = pending.getInt(0);
        if (length < 0 || length > maxFrameBytes) {
          closed = true;
          pending = Buffer.buffer();
          FrameHelper.sendErrFrame("frame_too_large", socket);
          socket.close();
          return;
        }
        if (pending.length() < 4 + length) {
          return;
        }
        Buffer frame = pending.getBuffer(0, 4 + length);
        pending = pending.getBuffer(4 + length, pending.length());
        if (admit(frame)) {
          parser.handle(frame);
        }
      }
    };
  }

  /** Called with every buffer written to the client: a reply or error to a waiting request frees its slot. */
  void outbound(Buffer written) {
    if (awaitingReply.isEmpty() || written.length() < 4) {
      return;
    }
    try {
      Object address = new JsonObject(written.getString(4, written.length())).getValue("address");
      if (address instanceof String a) {
        awaitingReply.remove(a);
      }
    } catch (DecodeException e) {
      // not a frame of ours; nothing to free
    }
  }

  private boolean admit(Buffer frame) {
    JsonObject json;
    try {
      json = new JsonObject(frame.getString(4, frame.length()));
    } catch (DecodeException | ClassCastException e) {
      FrameHelper.sendErrFrame("invalid_json", socket);
      return false;
    }
    if (!(json.getValue("type") instanceof String type) || !TYPES.contains(type)) {
      FrameHelper.sendErrFrame("unknown_type", socket);
      return false;
    }
    if ("send".equals(type) && json.getValue("replyAddress") instanceof String replyAddress) {
      if (replyAddress.length() > InboundGuard.MAX_REPLY_ADDRESS_LENGTH) {
        return refuse(Failure.INVALID, "replyAddress longer than " + InboundGuard.MAX_REPLY_ADDRESS_LENGTH
            + " characters", null);
      }
      if (awaitingReply.contains(replyAddress)) {
        return refuse(Failure.INVALID, "replyAddress already waiting for a reply", replyAddress);
      }
      if (awaitingReply.size() >= maxInFlight) {
        return refuse(Failure.BUSY, "too many requests waiting for a reply on this connection", replyAddress);
      }
      awaitingReply.add(replyAddress);
    }
    return true;
  }

  /** Answers straight on the socket (not through the gate): the refused request never took a slot. */
  private boolean refuse(Failure failure, String reason, String replyTo) {
    FrameHelper.writeFrame(new InboundGuard.Refusal(failure, reason, replyTo).toErrFrame(), socket);
    return false;
  }
}
