package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.bus.Addresses;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import java.util.List;

/**
 * The one list of what other programs may do on the bus, used by both bridges: send the requests that read or act
 * (each gets its reply), and subscribe to the vehicle updates and command outcomes. Never {@code mqtt.publish}, the
 * raw command intake, the drain, or anything that carries tokens (docs/event-bus.md, "Bridges").
 */
public final class BridgeAllowList {

  /** Request/reply addresses a client may send to. */
  public static final List<String> INBOUND = List.of(Addresses.API_REFRESH, Addresses.API_ACTION,
      Addresses.API_VEHICLES);

  /** Published addresses a client may subscribe to. */
  public static final List<String> OUTBOUND = List.of(Addresses.VEHICLE_STATUS_UPDATED, Addresses.COMMAND_COMPLETED);

  private BridgeAllowList() {
  }

  public static boolean mayRequest(String address) {
    return INBOUND.contains(address);
  }

  public static boolean maySubscribe(String address) {
    return OUTBOUND.contains(address);
  }

  /** The list for the TCP bridge (which also checks it itself, behind our own check). */
  static BridgeOptions tcpOptions() {
    BridgeOptions options = new BridgeOptions();
    INBOUND.forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
    OUTBOUND.forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
    return options;
  }

  /** The same list for the SockJS bridge. */
  static SockJSBridgeOptions sockJsOptions() {
    SockJSBridgeOptions options = new SockJSBridgeOptions();
    INBOUND.forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
    OUTBOUND.forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
    return options;
  }
}
