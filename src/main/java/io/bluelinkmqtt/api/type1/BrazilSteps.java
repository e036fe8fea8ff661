package io.bluelinkmqtt.api.type1;

/**
 * Brazil's sign-in {@code {"step":N}} answers (bluelink-protocol.md §2.5, §8.6): the account must do something in
 * the official app or web site first. Each becomes a clear, actionable login failure; none is retried by itself.
 */
public final class BrazilSteps {

  private BrazilSteps() {
  }

  /** The owner-facing message of a step code. */
  public static String message(int step) {
    return switch (step) {
      case 0 -> "login needs the terms of use to be accepted once in the Hyundai app or web site";
      case 3 -> "login needs the data-access agreement to be accepted once in the Hyundai app or web site";
      case 4 -> "login needs the updated terms of use to be accepted again in the Hyundai app or web site";
      case 5 -> "login refused: the password has expired; set a new one in the Hyundai app or web site";
      case 6 -> "login refused: the account is not activated yet; finish the activation from its e-mail";
      case 7, 8, 12 -> "login needs an identity verification; complete it once in the Hyundai app";
      case 9 -> "login refused: the account is blocked; contact Hyundai Brazil";
      case 10, 13 -> "login needs the e-mail address to be verified; follow the link Hyundai sent";
      case 11 -> "login needs the pending e-mail change to be confirmed in the Hyundai app or web site";
      default -> "login needs an action in the Hyundai app (sign-in step " + step + ")";
    };
  }
}
