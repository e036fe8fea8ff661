package io.bluelinkmqtt.bus;

import java.util.List;

/**
 * Every event-bus address of the bridge. Bodies are JSON objects carrying {@code "v": 1}; the full
 * contract (fields, who sends, who consumes) is in {@code docs/event-bus.md}, which a test keeps in
 * step with this class.
 */
public final class Addresses {

  /** MqttBridge → Command, send. A raw command from MQTT: {@code {v, topic, payload (base64), qos, dup}}. */
  public static final String COMMAND_RECEIVED = "bluelink.command.received";

  /** Command → Publisher (and anyone), publish. Exactly one per command: the outcome record. */
  public static final String COMMAND_COMPLETED = "bluelink.command.completed";

  /**
   * Command → HyundaiApi, request/reply. {@code {v, vehicleId, mode, maxAgeSeconds?, override?, commandId?}} →
   * the result, with {@code joined} / {@code leaderCommandId} when the request joined an identical refresh.
   */
  public static final String API_REFRESH = "bluelink.api.refresh";

  /**
   * Command → HyundaiApi, request/reply. {@code {v}} → {@code {v, refused}}: the commands are stopping; operations
   * still waiting in a car's lane are answered {@code shutdown} and no new one starts.
   */
  public static final String API_DRAIN = "bluelink.api.drain";

  /**
   * Command → HyundaiApi, request/reply. {@code {v, vehicleId, command, action, commandId?, …parameters}} → the
   * action's final result {@code {v, vehicleId, status, reason?, actionId?, upstreamCalls, joined?,
   * leaderCommandId?}}.
   */
  public static final String API_ACTION = "bluelink.api.action";

  /** HyundaiApi → Command, publish. {@code {v, vehicleId, commandId, actionId}}: the cloud accepted the action. */
  public static final String API_ACTION_ACCEPTED = "bluelink.api.action-accepted";

  /** anyone → HyundaiApi, request/reply. {@code {v}} → {@code {v, vehicles: [Vehicle]}}. */
  public static final String API_VEHICLES = "bluelink.api.vehicles";

  /** HyundaiApi → Publisher, HomeAssistant, publish. New vehicle data after every successful read. */
  public static final String VEHICLE_STATUS_UPDATED = "bluelink.vehicle.status-updated";

  /** HyundaiApi → anyone, publish. The circuit breaker changed state. */
  public static final String API_BREAKER_CHANGED = "bluelink.api.breaker-changed";

  /** HyundaiApi (stewardship) → Publisher, publish. {@code {v, used, limit, remaining, resetsAt, exhausted}}. */
  public static final String API_BUDGET_CHANGED = "bluelink.api.budget-changed";

  /**
   * HyundaiApi (stewardship) → Publisher, publish. {@code {v, writable, problem?}} when writing the state dir
   * starts failing or works again.
   */
  public static final String API_STATE_DIR_CHANGED = "bluelink.api.state-dir-changed";

  /** HyundaiApi (stewardship) → Publisher, publish. {@code {v, vehicleId, today, total, last}} after every car wake. */
  public static final String VEHICLE_WAKE_AUDIT_CHANGED = "bluelink.vehicle.wake-audit-changed";

  /**
   * Command → HyundaiApi, request/reply. The owner's answer to a one-time-code request, validated:
   * {@code {v, send: "email"|"sms"}} (have the code sent by that channel) or {@code {v, code}} (6–8 digits; a
   * secret: never logged or echoed) → {@code {v, pending}}; fails {@code invalid} when no code is asked for or the
   * channel is not offered, {@code busy} while the previous answer is still being checked.
   */
  public static final String API_OTP = "bluelink.api.otp";

  /**
   * HyundaiApi → Publisher, Command, HomeAssistant, MqttBridge, publish. The one-time-code dialogue changed:
   * {@code {v, state, channels?, destinationHint?, expiresAt?, triesLeft?, sentVia?}} with {@code state} ∈
   * {@code required, rejected} (a code is awaited) or {@code accepted, expired} (over; the request is cleared).
   */
  public static final String API_OTP_CHANGED = "bluelink.api.otp-changed";

  /** anyone → MqttBridge, send. {@code {v, topic, payload, qos, retain}}; topic must lie under the base topic or the discovery prefix. */
  public static final String MQTT_PUBLISH = "bluelink.mqtt.publish";

  /** MqttBridge → anyone, publish. {@code {v, connected, reason?}} after every connect and every loss. */
  public static final String MQTT_CONNECTION_CHANGED = "bluelink.mqtt.connection-changed";

  /** MqttBridge → HomeAssistant, publish. Home Assistant's birth/last-will payload on {@code <prefix>/status}. */
  public static final String HA_STATUS_RECEIVED = "bluelink.homeassistant.status-received";

  /**
   * The address of one account's API verticle when the bridge serves several accounts (or runs clustered):
   * {@code bluelink.api.refresh@<account>} and so on for {@link #API_REFRESH}, {@link #API_ACTION},
   * {@link #API_VEHICLES} and {@link #API_DRAIN}, with the same bodies. The account router answers the plain
   * addresses and forwards to these.
   */
  public static String forAccount(String address, String accountId) {
    return address + "@" + accountId;
  }

  /**
   * Clustered: the API verticle of the node that holds an account's seat answers at
   * {@code bluelink.api.refresh@<account>#<seat>} and so on, so a request never reaches a node that lost the seat.
   */
  public static String forSeat(String address, String accountId, String seat) {
    return forAccount(address, accountId) + "#" + seat;
  }

  /**
   * Seat holder → every account router in the cluster, publish, every half second.
   * {@code {v, account, seat, node}}: this node serves the account, at its {@link #forSeat} addresses.
   */
  public static final String CLUSTER_SEAT = "bluelink.cluster.seat";

  /**
   * Event relay of each node → the relays of the other nodes, publish. The body of an event published on an API
   * node; headers {@code address} (where it was published) and {@code origin} (the node). The receiving relay
   * publishes it node-locally on {@code address}.
   */
  public static final String CLUSTER_RELAY = "bluelink.cluster.relay";

  /** Every address above, for the documentation check. */
  public static final List<String> ALL = List.of(
      COMMAND_RECEIVED, COMMAND_COMPLETED, API_REFRESH, API_DRAIN, API_ACTION, API_ACTION_ACCEPTED, API_VEHICLES,
      VEHICLE_STATUS_UPDATED,
      API_BREAKER_CHANGED, API_BUDGET_CHANGED, API_STATE_DIR_CHANGED, VEHICLE_WAKE_AUDIT_CHANGED, API_OTP, API_OTP_CHANGED, MQTT_PUBLISH, MQTT_CONNECTION_CHANGED, HA_STATUS_RECEIVED,
      CLUSTER_SEAT, CLUSTER_RELAY);

  /** The schema version every body carries in {@code "v"}. */
  public static final int SCHEMA_VERSION = 1;

  private Addresses() {
  }
}
