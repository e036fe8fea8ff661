package io.bluelinkmqtt.config;

import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import java.util.List;

/**
 * The car-cloud accounts one bridge serves. {@code classic} is the one account of {@code account.*} /
 * {@code HYUNDAI_USERNAME}, whose state lives directly in the state dir as it always did; an {@code accounts} list
 * (or indexed {@code HYUNDAI_<n>_*} variables) gives each account an id and a state sub-directory of its own.
 *
 * @param all in configuration order (on a vehicle-id clash the earlier account keeps the car)
 */
public record Accounts(List<Account> all, boolean classic) {

  public Accounts {
    all = List.copyOf(all);
  }

  /** The id of the classic single account (its addresses and state are unscoped). */
  public static final String CLASSIC_ID = "default";

  /**
   * One account: its id (topic-safe, unique), its region and credentials, its API settings (state dir
   * {@code <stateDir>/<id>}, its base URLs) and its stewardship (budget, wake rules).
   */
  public record Account(String id, AccountConfig account, ApiConfig api, StewardshipConfig stewardship) {
  }

  /** The classic single account of {@code config}. */
  public static Accounts single(AppConfig config) {
    return new Accounts(List.of(new Account(CLASSIC_ID, config.account(), config.api(), config.stewardship())), true);
  }

  public Account first() {
    return all.get(0);
  }
}
