package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.VehicleIds;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every MQTT topic of the bridge, built only from validated parts. Nothing else in the code writes
 * a topic string; the tree is documented in {@code docs/mqtt-topics.md}.
 */
public final class Topics {

  // Leaves under {base}/{vehicleId}/ (the planned tree, then the extended values).
  public static final String BATTERY_LEVEL = "battery/level";
  public static final String BATTERY_CHARGING_STATUS = "battery/charging_status";
  public static final String BATTERY_PLUG_STATUS = "battery/plug_status";
  public static final String BATTERY_TEMPERATURE = "battery/temperature";
  public static final String BATTERY_AUX_LEVEL = "battery/aux_level";
  public static final String EV_RANGE = "ev/range";
  public static final String EV_CHARGE_TIME_100 = "ev/charge_time_100";
  public static final String EV_CHARGE_TIME_TARGET = "ev/charge_time_target";
  public static final String EV_CHARGE_LIMIT = "ev/charge_limit";
  public static final String EV_CHARGE_LIMIT_DC = "ev/charge_limit_dc";
  public static final String EV_ENERGY_CONSUMPTION = "ev/energy_consumption";
  public static final String EV_CHARGE_PORT_OPEN = "ev/charge_port_open";
  public static final String EV_CHARGING_CURRENT = "ev/charging_current";
  public static final String STATUS_LAST_UPDATED = "status/last_updated";
  public static final String STATUS_DATA_SOURCE = "status/data_source";
  public static final String STATUS_UPDATE_METHOD = "status/update_method";
  public static final String STATUS_ERROR = "status/error";
  public static final String VEHICLE_ODOMETER = "vehicle/odometer";
  public static final String VEHICLE_LOCATION = "vehicle/location";
  public static final String DOORS_LOCKED = "doors/locked";
  public static final String DOORS_OPEN = "doors/open";
  public static final String DOORS_TRUNK_OPEN = "doors/trunk_open";
  public static final String DOORS_HOOD_OPEN = "doors/hood_open";
  public static final String DOORS_WINDOWS_OPEN = "doors/windows_open";
  public static final String WINDOWS_FRONT_LEFT = "windows/front_left";
  public static final String WINDOWS_FRONT_RIGHT = "windows/front_right";
  public static final String WINDOWS_REAR_LEFT = "windows/rear_left";
  public static final String WINDOWS_REAR_RIGHT = "windows/rear_right";
  public static final String CLIMATE_ON = "climate/on";
  public static final String CLIMATE_SET_TEMPERATURE = "climate/set_temperature";
  public static final String TYRES_PRESSURE_WARNING = "tyres/pressure_warning";
  public static final String STATE = "state";
  public static final String WAKE_AUDIT = "status/wake_audit";
  public static final String COMMAND_REFRESH = command(CommandName.REFRESH);
  public static final String COMMAND_RESULT = "commands/result";
  // Plain-value leaves for evcc's custom vehicle (io.bluelinkmqtt.evcc, docs/evcc.md), named after evcc's keys.
  public static final String EVCC_SOC = "evcc/soc";
  public static final String EVCC_RANGE = "evcc/range";
  public static final String EVCC_ODOMETER = "evcc/odometer";
  public static final String EVCC_LIMIT_SOC = "evcc/limitsoc";
  public static final String EVCC_STATUS = "evcc/status";

  /** The command word of the one-time-code answers, under the bridge's level only. */
  public static final String OTP = "otp";

  /** The bridge's own level; refused as a vehicle id so the two can never collide. */
  public static final String BRIDGE = "bridge";

  private static final Pattern BASE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  private static final Pattern LEAF = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)*");

  private final String base;

  public Topics(String base) {
    if (base == null || !BASE.matcher(base).matches()) {
      throw new IllegalArgumentException("invalid base topic");
    }
    this.base = base;
  }

  public String base() {
    return base;
  }

  /** {@code {base}/{vehicleId}/{leaf}}; refuses ids and leaves that are not ours. */
  public String vehicle(String vehicleId, String leaf) {
    if (!isVehicleId(vehicleId)) {
      throw new IllegalArgumentException("vehicle id is not valid in a topic");
    }
    if (!LEAF.matcher(leaf).matches()) {
      throw new IllegalArgumentException("invalid topic leaf");
    }
    return base + "/" + vehicleId + "/" + leaf;
  }

  /** A vehicle id that may stand as a topic level: the id rule, and never the bridge's own level. */
  public static boolean isVehicleId(String vehicleId) {
    return VehicleIds.isValid(vehicleId) && !BRIDGE.equals(vehicleId);
  }

  public String commandResult(String vehicleId) {
    return vehicle(vehicleId, COMMAND_RESULT);
  }

  /** The leaf of a command topic: {@code commands/<name>}. */
  public static String command(CommandName name) {
    return "commands/" + name.wireName();
  }

  /**
   * The subscription filters: one per command the bridge serves ({@link CommandName}), for every vehicle.
   * Deliberately not {@code commands/#}: that would also match our own {@code commands/result} publishes and
   * feed every outcome back in as a new command.
   */
  public List<String> commandFilters() {
    return Arrays.stream(CommandName.values()).map(name -> base + "/+/" + command(name)).toList();
  }

  public String bridgeState() {
    return base + "/" + BRIDGE + "/state";
  }

  public String bridgeInfo() {
    return base + "/" + BRIDGE + "/info";
  }

  /** Outcomes of commands that named no known vehicle (so no vehicle topic can be built for them). */
  public String bridgeCommandResult() {
    return base + "/" + BRIDGE + "/commands/result";
  }

  public String bridgeBudget() {
    return base + "/" + BRIDGE + "/budget";
  }

  /** The retained one-time-code request while a login waits for the owner's code; empty otherwise. */
  public String bridgeOtp() {
    return base + "/" + BRIDGE + "/otp";
  }

  /** Where the owner picks the channel ({@code {"send":"email"}}) and gives the code ({@code {"code":"123456"}}). */
  public String bridgeOtpCommand() {
    return base + "/" + BRIDGE + "/commands/" + OTP;
  }

  /** The budget of one of several accounts ({@code account} a valid topic level). */
  public String accountBudget(String account) {
    return base + "/" + BRIDGE + "/accounts/" + account + "/budget";
  }

  public String bridgeHealth() {
    return base + "/" + BRIDGE + "/health";
  }

  /** Home Assistant's birth / last-will topic under a discovery prefix. */
  public static String homeAssistantStatus(String discoveryPrefix) {
    return discoveryPrefix + "/status";
  }

  /** True for topics the bridge may write: its base tree, nothing outside. */
  public boolean isOwnTopic(String topic) {
    return topic != null && topic.startsWith(base + "/") && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
        && topic.indexOf('\0') < 0 && !topic.contains("//") && !topic.endsWith("/");
  }

  /** What a command topic names; parsing stops at the first thing that is not exactly our shape. */
  public record CommandTopic(String vehicleSegment, String command) {
  }

  /**
   * Splits {@code {base}/{segment}/commands/{command}}. The segment is returned raw (it is not yet
   * validated); empty when the topic does not have our shape at all.
   */
  public Optional<CommandTopic> parseCommandTopic(String topic) {
    if (topic == null || !topic.startsWith(base + "/")) {
      return Optional.empty();
    }
    String[] rest = topic.substring(base.length() + 1).split("/", -1);
    if (rest.length != 3 || !"commands".equals(rest[1])) {
      return Optional.empty();
    }
    return Optional.of(new CommandTopic(rest[0], rest[2]));
  }
}
