package io.bluelinkmqtt.api.eu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VehicleLabelTest {

  @Test
  @DisplayName("names from the cloud lose control characters and are cut to 64 characters; blank means absent")
  void labelsAreBounded() {
    assertEquals("My Car", EuVehicleClient.label("  My\u0007 Car\n "));
    assertEquals(64, EuVehicleClient.label("x".repeat(200)).length());
    assertNull(EuVehicleClient.label("\u0000\u0001"));
    assertNull(EuVehicleClient.label(null));
  }
}
