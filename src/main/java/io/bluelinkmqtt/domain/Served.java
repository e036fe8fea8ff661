package io.bluelinkmqtt.domain;

/**
 * How a car's lane served one request: the operation's result, and whether this request led the operation or
 * joined an identical one already running or waiting (then it caused no upstream call of its own).
 *
 * @param result the operation's result, the same object for the leader and every joiner
 * @param joined true when the request joined another one's operation
 * @param leaderCommandId for a joiner, the command id of the request that led the operation (may be null)
 */
public record Served<T>(T result, boolean joined, String leaderCommandId) {

  public static <T> Served<T> led(T result) {
    return new Served<>(result, false, null);
  }
}
