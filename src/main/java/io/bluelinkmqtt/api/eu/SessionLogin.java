package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;

/**
 * The login steps a {@link TokenManager} drives, for any cloud of the CCAPI "Type 1" family: Europe's
 * {@link EuLogin}, and the Australian, Chinese, Indian and Brazilian logins of {@code api.type1}. The manager owns
 * persistence, single flight and backoff; an implementation only talks to its cloud.
 */
public interface SessionLogin {

  /** Registers a device and returns its {@code ccsp-device-id} (a region with a fixed id returns it, no call). */
  Future<String> registerDevice(CallContext context);

  /** A full login with the account's credentials. */
  Future<TokenSet> login(String username, Secret password, String deviceId, CallContext context);

  /** The first half of a renewal: the refresh call; its answer is stored before {@link #completeRefresh}. */
  Future<TokenSet> refreshTokens(TokenSet tokens, String deviceId, CallContext context);

  /** The second half of a renewal (Europe: the CCS exchange); a set that is complete already is returned as is. */
  Future<TokenSet> completeRefresh(TokenSet tokens, String deviceId, CallContext context);
}
