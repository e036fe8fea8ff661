package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.domain.Vehicle;
import java.util.Map;

/** What the EU module keeps of a car in {@link Vehicle#moduleData()}: whether it speaks the CCS2 data format. */
public final class EuVehicleFacts {

  /** Module-data key of the CCS2 flag; "1" like the cloud's {@code ccuCCS2ProtocolSupport}. */
  public static final String CCS2 = "ccs2";

  private EuVehicleFacts() {
  }

  /** True when the car speaks the CCS2 data format (other endpoints, other header). */
  public static boolean ccs2(Vehicle vehicle) {
    return "1".equals(vehicle.moduleData().get(CCS2));
  }

  /** The module data of a car with this flag. */
  public static Map<String, String> of(boolean ccs2) {
    return ccs2 ? Map.of(CCS2, "1") : Map.of();
  }
}
