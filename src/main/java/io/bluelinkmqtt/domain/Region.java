package io.bluelinkmqtt.domain;

/** The regions of the car clouds, numbered as in the original plan (and the reference library). */
public enum Region {
  EUROPE(1), CANADA(2), USA(3), CHINA(4), AUSTRALIA(5), INDIA(6), NEW_ZEALAND(7), BRAZIL(8);

  private final int number;

  Region(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
