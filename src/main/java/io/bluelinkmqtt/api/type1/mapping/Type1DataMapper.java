package io.bluelinkmqtt.api.type1.mapping;

import io.bluelinkmqtt.api.eu.mapping.EuVehicleDataMapper;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Type 1 status answers outside Europe (bluelink-protocol.md §5.3, §5.4, §5.8, §9). The legacy format is the
 * EU one under another root: AU/CN/IN answer {@code resMsg} = the status itself (odometer inside it; older answers
 * wrap it as {@code status} next to a {@code vehicleLocation}), so it is re-rooted as a {@code vehicleStatusInfo}
 * and read by the EU mapper with the region's zone. Only the set-point differs: its hex table starts at the
 * region's first entry (AU 17.0 °C, elsewhere 14.0 °C, §5.2). CCS2 is the EU tree, its {@code Date} in UTC.
 * Pure and never throwing, like the EU mapper.
 */
public final class Type1DataMapper {

  private static final Pattern TEMPERATURE_CODE = Pattern.compile("([0-9A-Fa-f]{1,2})[Hh]?");
  private static final double TABLE_STEP = 0.5;
  private static final double HIGHEST_SET_POINT = 30.0;

  private Type1DataMapper() {
  }

  /** {@code resMsg} of {@code GET …/status/latest}. */
  public static VehicleData fromLegacyCached(JsonObject resMsg, ZoneId zone, double tableStart) {
    JsonObject status = status(resMsg);
    JsonObject info = new JsonObject().put("vehicleStatus", status);
    Object location = resMsg.getValue("vehicleLocation") != null ? resMsg.getValue("vehicleLocation")
        : status.getValue("vehicleLocation");
    if (location != null) {
      info.put("vehicleLocation", location);
    }
    Object odometer = status.getValue("odometer") != null ? status.getValue("odometer") : resMsg.getValue("odometer");
    if (odometer != null) {
      info.put("odometer", odometer);
    }
    return withSetPoint(EuVehicleDataMapper.fromLegacyCached(info, zone), status, tableStart);
  }

  /** {@code resMsg} of the forced {@code GET …/status}. */
  public static VehicleData fromLegacyForced(JsonObject resMsg, ZoneId zone, double tableStart) {
    JsonObject status = status(resMsg);
    return withSetPoint(EuVehicleDataMapper.fromLegacyForced(status, zone), status, tableStart);
  }

  /** {@code resMsg} of {@code GET …/ccs2/carstatus/latest} (Brazil's too: its {@code lastUpdateTime} is not read). */
  public static VehicleData fromCcs2(JsonObject resMsg, ZoneId zone) {
    return EuVehicleDataMapper.fromCcs2(resMsg, zone);
  }

  /** {@code resMsg} of {@code GET …/location/park}, its time in the region's zone. */
  public static VehicleData withParkLocation(VehicleData data, JsonObject parkResMsg, ZoneId zone) {
    return EuVehicleDataMapper.withParkLocation(data, parkResMsg, zone);
  }

  /**
   * India's odometer from {@code resMsg} of {@code GET …/setting/alert/maintenance}: {@code odometer} in km, or a
   * {@code {value, unit}} pair; {@code data} unchanged when there is none.
   */
  public static VehicleData withOdometer(VehicleData data, JsonObject maintenanceResMsg) {
    Object odometer = maintenanceResMsg.getValue("odometer");
    VehicleData.Distance distance = null;
    if (odometer instanceof Number km && km.doubleValue() >= 0) {
      distance = new VehicleData.Distance(km.doubleValue(), VehicleData.DistanceUnit.KM);
    } else if (odometer instanceof JsonObject pair && pair.getValue("value") instanceof Number value
        && value.doubleValue() >= 0) {
      Object unit = pair.getValue("unit");
      VehicleData.DistanceUnit symbol = unit instanceof Number n && n.intValue() == 1 ? VehicleData.DistanceUnit.KM
          : unit instanceof Number n && (n.intValue() == 2 || n.intValue() == 3) ? VehicleData.DistanceUnit.MILES : null;
      distance = symbol == null ? null : new VehicleData.Distance(value.doubleValue(), symbol);
    }
    return distance == null ? data : data.withOdometer(distance);
  }

  /** A legacy set-point code in the table that starts at {@code tableStart} °C ("0AH" → 22.0 in AU). */
  public static Optional<Double> decodeTemperatureCode(String code, double tableStart) {
    if (code == null) {
      return Optional.empty();
    }
    Matcher matcher = TEMPERATURE_CODE.matcher(code.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    double celsius = tableStart + Integer.parseInt(matcher.group(1), 16) * TABLE_STEP;
    return celsius > HIGHEST_SET_POINT ? Optional.empty() : Optional.of(celsius);
  }

  /** The code of a set-point in the table that starts at {@code tableStart} °C, clamped to the table. */
  public static String temperatureCode(double celsius, double tableStart) {
    int index = (int) Math.round((Math.max(tableStart, Math.min(HIGHEST_SET_POINT, celsius)) - tableStart) * 2);
    return String.format(java.util.Locale.ROOT, "%02XH", index);
  }

  private static JsonObject status(JsonObject resMsg) {
    return resMsg.getValue("status") instanceof JsonObject wrapped ? wrapped : resMsg;
  }

  private static VehicleData withSetPoint(VehicleData data, JsonObject status, double tableStart) {
    if (data.climate() == null) {
      return data;
    }
    Object raw = status.getValue("airTemp") instanceof JsonObject air ? air.getValue("value") : null;
    Double celsius = raw instanceof String code ? decodeTemperatureCode(code, tableStart).orElse(null) : null;
    return data.withClimate(new VehicleData.Climate(data.climate().on(), celsius));
  }
}
