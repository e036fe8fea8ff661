package io.bluelinkmqtt.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become failure codes, in both directions of a request. */
public final class Replies {

  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {
  }

  /** Ends a request in exactly one reply or one fail, whatever {@code result} does. */
  public static void respond(Message<?> message, Future<JsonObject> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        BridgeException failure = toBridgeException(ar.cause());
        message.fail(failure.failure().code(), failure.getMessage());
      }
    });
  }

  /** Runs {@code handler} and answers with its result; an exception thrown synchronously fails the request too. */
  public static void respond(Message<JsonObject> message, java.util.function.Function<JsonObject, Future<JsonObject>> handler) {
    Future<JsonObject> result;
    try {
      result = handler.apply(message.body());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    respond(message, result);
  }

  /** Maps any throwable, including a {@link ReplyException} from another verticle, to a {@link BridgeException}. */
  public static BridgeException toBridgeException(Throwable cause) {
    if (cause instanceof BridgeException bridge) {
      return bridge;
    }
    if (cause instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new BridgeException(Failure.UPSTREAM_TIMEOUT, "no answer in time from " + safe(reply.getMessage()));
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new BridgeException(Failure.INTERNAL, "no consumer for the request");
      }
      Failure failure = Failure.fromCode(reply.failureCode()).orElse(Failure.INTERNAL);
      return new BridgeException(failure, safe(reply.getMessage()));
    }
    LOG.warn("unexpected failure mapped to internal: {}", cause.getClass().getName());
    return new BridgeException(Failure.INTERNAL, "internal error (" + cause.getClass().getSimpleName() + ")");
  }

  /** Fails with {@link Failure#UNSUPPORTED_SCHEMA} unless the body carries the schema version we speak. */
  public static JsonObject requireSchema(JsonObject body) {
    if (body == null) {
      throw new BridgeException(Failure.INVALID, "empty body");
    }
    Object v = body.getValue("v");
    if (!(v instanceof Number n) || n.intValue() != Addresses.SCHEMA_VERSION) {
      throw new BridgeException(Failure.UNSUPPORTED_SCHEMA, "unsupported schema version " + v);
    }
    return body;
  }

  private static String safe(String message) {
    return message == null ? "" : message;
  }
}
