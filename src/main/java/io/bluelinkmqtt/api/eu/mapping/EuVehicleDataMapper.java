package io.bluelinkmqtt.api.eu.mapping;


import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps EU car-cloud responses (the {@code resMsg} parts named on each method) to {@link VehicleData}. Pure functions:
 * no I/O, no clock, no Vert.x beyond {@link JsonObject}. They never throw: missing keys, wrong types, nulls,
 * arrays where objects belong, sentinels (12 V 255, unreliable sensor, "OFF") and out-of-range numbers all become
 * absent values, and a sub-record with nothing in it is {@code null}.
 *
 * <p>Decisions not fixed by the protocol doc (§5.3/§5.4):
 * <ul>
 *   <li>{@code minutesToTarget}: legacy = {@code remainTime2.etc1/etc2/etc3} for the plugged charger type
 *       ({@code batteryPlugin} 1/2/3), absent when unplugged; CCS2 = absent, because its {@code EstimatedTime.*}
 *       are per charger type and CCS2 does not say which charger is connected.</li>
 *   <li>Battery temperature (CCS2 only): hottest cell, {@code Decimal} when consistent with {@code Raw}.</li>
 *   <li>EV range on CCS2: {@code DTE.EV} when present (PHEV), else {@code DTE.Total} (BEV).</li>
 *   <li>Distances with an unknown unit code (0 or missing) are absent; CCS2 odometer is km (as the lib assumes).</li>
 *   <li>Set temperature is kept whenever the car reports one (even with climate off), except "OFF"; CCS2 unit 1 (°F)
 *       is converted to °C; a missing unit means °C.</li>
 *   <li>Legacy charge limits: the last well-formed {@code targetSOClist} entry per plug type wins.</li>
 * </ul>
 */
public final class EuVehicleDataMapper {

  /** The region zone of EU wall-clock timestamps when the account's own zone is not known (§5.12). */
  public static final ZoneId EU_ZONE = ZoneId.of("Europe/Berlin");

  private static final Logger LOG = LoggerFactory.getLogger(EuVehicleDataMapper.class);
  private static final Pattern TEMPERATURE_CODE = Pattern.compile("([0-9A-Fa-f]{1,2})[Hh]?");
  private static final double TEMPERATURE_TABLE_START = 14.0;
  private static final double TEMPERATURE_TABLE_STEP = 0.5;
  /** 0x20 = 30.0 °C, bluelinky's last entry; the lib stops at 0x1F = 29.5 °C. */
  private static final int TEMPERATURE_TABLE_LAST_INDEX = 0x20;

  private EuVehicleDataMapper() {
  }

  /** {@code resMsg.vehicleStatusInfo} of {@code GET …/status/latest} ({@code vehicleStatus}, location, odometer). */
  public static VehicleData fromLegacyCached(JsonObject vehicleStatusInfo, ZoneId localZone) {
    return guarded(() -> LegacyStatusMapper.mapCached(vehicleStatusInfo, zoneOrEu(localZone)), VehicleData.EMPTY);
  }

  /** {@code resMsg} of the forced {@code GET …/status}: the {@code vehicleStatus} itself. */
  public static VehicleData fromLegacyForced(JsonObject vehicleStatus, ZoneId localZone) {
    return guarded(() -> LegacyStatusMapper.mapForced(vehicleStatus, zoneOrEu(localZone)), VehicleData.EMPTY);
  }

  /** {@code resMsg} of {@code GET …/ccs2/carstatus/latest} ({@code {lastUpdateTime, state:{Vehicle}}}), EU zone. */
  public static VehicleData fromCcs2(JsonObject resMsg) {
    return fromCcs2(resMsg, EU_ZONE);
  }

  /**
   * As {@link #fromCcs2(JsonObject)}; {@code localZone} is used only for a {@code Location.TimeStamp} that comes
   * without {@code Location.Date} and {@code Location.Offset}. Also reads the GSPA stored-status {@code data}.
   */
  public static VehicleData fromCcs2(JsonObject resMsg, ZoneId localZone) {
    return guarded(() -> Ccs2StatusMapper.map(resMsg, zoneOrEu(localZone)), VehicleData.EMPTY);
  }

  /**
   * Replaces the location with {@code resMsg} of {@code GET …/location/park} ({@code {coord{lat,lon}, time}}, time
   * in {@code localZone}); returns {@code data} unchanged when there is no usable position.
   */
  public static VehicleData withParkLocation(VehicleData data, JsonObject parkResMsg, ZoneId localZone) {
    VehicleData base = data == null ? VehicleData.EMPTY : data;
    return guarded(() -> Enrichments.parkLocation(base, parkResMsg, zoneOrEu(localZone)), base);
  }

  /**
   * Replaces the location with {@code resMsg} of the forced {@code GET …/location}: {@code gpsDetail{coord, time}}
   * with time in UTC, or {@code coord}/{@code time} directly (§11). {@code {}} (car offline) leaves {@code data} as is.
   */
  public static VehicleData withGpsDetail(VehicleData data, JsonObject locationResMsg) {
    VehicleData base = data == null ? VehicleData.EMPTY : data;
    return guarded(() -> Enrichments.gpsDetail(base, locationResMsg), base);
  }

  /**
   * Adds the 30-day consumption from {@code resMsg} of {@code POST …/drvhistory {"periodTarget":0}}: the
   * {@code drivingInfo[]} item with {@code drivingPeriod == 0}, {@code totalPwrCsp / calculativeOdo} in Wh per km.
   * Returns {@code data} unchanged when the distance is 0 or either value is missing.
   */
  public static VehicleData withDrivingHistory(VehicleData data, JsonObject drvhistoryResMsg) {
    VehicleData base = data == null ? VehicleData.EMPTY : data;
    return guarded(() -> Enrichments.drivingHistory(base, drvhistoryResMsg), base);
  }

  /**
   * The AC and DC limits of {@code resMsg} of {@code GET v1/…/charge/target} ({@code targetSOClist}, §6.1; the last
   * entry of a plug type wins, as in the legacy status); null when it has neither.
   */
  public static VehicleData.Ev fromChargeTargets(JsonObject chargeTargetResMsg) {
    try {
      return LegacyStatusMapper.chargeTargets(chargeTargetResMsg);
    } catch (RuntimeException bug) {
      LOG.warn("EU charge target mapping failed ({})", bug.getClass().getSimpleName(), bug);
      return null;
    }
  }

  /**
   * Decodes a legacy set-point code: two hex digits + "H", index × 0.5 + 14.0 °C ("10H" → 22.0). Empty for
   * anything else (including indexes beyond 30.0 °C).
   */
  public static Optional<Double> decodeTemperatureCode(String hexCode) {
    if (hexCode == null) {
      return Optional.empty();
    }
    Matcher matcher = TEMPERATURE_CODE.matcher(hexCode.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int index = Integer.parseInt(matcher.group(1), 16);
    return index > TEMPERATURE_TABLE_LAST_INDEX ? Optional.empty()
        : Optional.of(TEMPERATURE_TABLE_START + index * TEMPERATURE_TABLE_STEP);
  }

  /** {@code yyyyMMddHHmmss[.SSS]} as wall-clock time in {@code zone}; null when unreadable. */
  static Instant parseCarTime(String text, ZoneId zone) {
    return CarTime.parse(text, zoneOrEu(zone));
  }

  private static ZoneId zoneOrEu(ZoneId zone) {
    return zone == null ? EU_ZONE : zone;
  }

  /** Last line of defence for "never throws": a bug in a mapper must not take the refresh down with it. */
  private static VehicleData guarded(Supplier<VehicleData> mapping, VehicleData fallback) {
    try {
      return mapping.get();
    } catch (RuntimeException bug) {
      LOG.warn("EU status mapping failed ({}); keeping the previous values", bug.getClass().getSimpleName(), bug);
      return fallback;
    }
  }
}
