package io.bluelinkmqtt.evcc;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.publish.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A status update → the values evcc's {@code custom} vehicle reads, each a plain payload on
 * {@code {base}/{id}/evcc/…} (QoS 1, retained, so evcc has them at its start): {@code soc} and {@code limitsoc}
 * as integers, {@code range} as whole km, {@code odometer} as km with one decimal (evcc assumes km: miles are
 * converted), {@code status} as the IEC 61851 letter evcc parses ({@code A} not connected, {@code B} connected,
 * {@code C} charging). Pure. A value the car did not report is not published, and a last-known answer read
 * nothing new, so it publishes nothing here.
 */
public final class EvccValues {

  /** QoS of every evcc topic; all are retained. */
  public static final int QOS = 1;
  private static final double KM_PER_MILE = 1.609344;

  private final Topics topics;

  public EvccValues(Topics topics) {
    this.topics = topics;
  }

  public List<MqttMessageOut> map(StatusUpdate update) {
    String vehicleId = update.vehicle().id();
    if (!Topics.isVehicleId(vehicleId) || update.dataSource() == DataSource.LAST_KNOWN) {
      return List.of();
    }
    VehicleData data = update.data();
    List<MqttMessageOut> out = new ArrayList<>();
    VehicleData.Battery battery = data.battery();
    VehicleData.Ev ev = data.ev();
    add(out, vehicleId, Topics.EVCC_SOC, battery == null ? null : integer(battery.level()));
    add(out, vehicleId, Topics.EVCC_RANGE, ev == null ? null : kilometres(ev.range(), 0));
    add(out, vehicleId, Topics.EVCC_ODOMETER, kilometres(data.odometer(), 1));
    add(out, vehicleId, Topics.EVCC_LIMIT_SOC, ev == null ? null : integer(ev.chargeLimitAc()));
    add(out, vehicleId, Topics.EVCC_STATUS, battery == null ? null : status(battery.pluggedIn(), battery.charging()));
    return out;
  }

  /** C while charging, B when plugged in, A when not; nothing when the car said neither. */
  static String status(Boolean pluggedIn, Boolean charging) {
    if (Boolean.TRUE.equals(charging)) {
      return "C";
    }
    if (pluggedIn == null) {
      return null;
    }
    return pluggedIn ? "B" : "A";
  }

  private void add(List<MqttMessageOut> out, String vehicleId, String leaf, String payload) {
    if (payload != null) {
      out.add(new MqttMessageOut(topics.vehicle(vehicleId, leaf), payload, QOS, true));
    }
  }

  private static String integer(Number value) {
    return value == null || !Double.isFinite(value.doubleValue()) ? null : Long.toString(Math.round(value.doubleValue()));
  }

  /** Plain decimal (never an exponent), at most {@code decimals} places, in km. */
  private static String kilometres(Distance distance, int decimals) {
    if (distance == null || !Double.isFinite(distance.value())) {
      return null;
    }
    double km = distance.unit() == DistanceUnit.MILES ? distance.value() * KM_PER_MILE : distance.value();
    return BigDecimal.valueOf(km).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
