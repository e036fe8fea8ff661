package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallKindTest {

  private static Set<CallKind> where(java.util.function.Predicate<CallKind> flag) {
    return Arrays.stream(CallKind.values()).filter(flag).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("each kind declares its effect: the forced status and the actions wake the car; they and the live "
      + "location wait for it")
  void eachKindDeclaresItsEffect() {
    assertEquals(Set.of(CallKind.FORCE_STATUS, CallKind.ACTION), where(CallKind::wakesCar));
    assertEquals(Set.of(CallKind.FORCE_STATUS, CallKind.ACTION, CallKind.LIVE_LOCATION), where(CallKind::waitsForCar));
    assertEquals(Set.of(CallKind.DEVICE_REGISTRATION, CallKind.LOGIN, CallKind.TOKEN_REFRESH, CallKind.VEHICLE_LIST),
        where(CallKind::system));
    assertEquals(Set.of(), where(k -> k.wakesCar() && !k.waitsForCar()), "a call that wakes the car waits for it");
  }
}
