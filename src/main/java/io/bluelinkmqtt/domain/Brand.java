package io.bluelinkmqtt.domain;

/** The three car makers of the group; the number is the one users of the original plan configure. */
public enum Brand {
  KIA(1, "Kia"), HYUNDAI(2, "Hyundai"), GENESIS(3, "Genesis");

  private final int number;
  private final String displayName;

  Brand(int number, String displayName) {
    this.number = number;
    this.displayName = displayName;
  }

  public int number() {
    return number;
  }

  public String displayName() {
    return displayName;
  }
}
