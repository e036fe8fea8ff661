package io.bluelinkmqtt.cloud;

import io.bluelinkmqtt.api.ApiAddresses;
import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.CloudModule;
import io.bluelinkmqtt.api.HyundaiApiVerticle;
import io.bluelinkmqtt.api.RefreshSafeguards;
import io.bluelinkmqtt.api.UpstreamGuards;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.config.Accounts;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.state.SavedVehicleList;
import io.bluelinkmqtt.stewardship.Stewardship;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root of the car cloud: picks the account's region module ({@link CloudModules}) and builds
 * the API verticle with the stewardship (budget, wake policy, wake audit, read window, saved vehicle list) every
 * call and every force passes.
 */
public final class CarCloud {

  private CarCloud() {
  }

  /**
   * The production form: the stewardship persists in {@code api.stateDir()}.
   *
   * @param minForceInterval {@code command.minForceIntervalSeconds}
   */
  public static HyundaiApiVerticle verticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship,
                                            Duration minForceInterval, Clock clock) {
    return verticle(account, api, stewardship, minForceInterval, clock, ApiAddresses.SINGLE);
  }

  /**
   * One of several accounts (or an account in a cluster): it answers its own addresses
   * ({@link ApiAddresses#forAccount}) and its budget events name it.
   */
  public static HyundaiApiVerticle verticle(Accounts.Account account, Duration minForceInterval, Clock clock) {
    return verticle(account.account(), account.api(), account.stewardship(), minForceInterval, clock,
        ApiAddresses.forAccount(account.id()));
  }

  /** Clustered: the account's API on the node that holds its seat, at the seat's own addresses. */
  public static HyundaiApiVerticle seatVerticle(Accounts.Account account, String seat, Duration minForceInterval,
                                                Clock clock) {
    return verticle(account.account(), account.api(), account.stewardship(), minForceInterval, clock,
        ApiAddresses.forSeat(account.id(), seat));
  }

  /** The single account (clustered too) keeps its budget on {@code bridge/budget}; others name theirs. */
  private static String budgetName(String accountId) {
    return Accounts.CLASSIC_ID.equals(accountId) ? "" : accountId;
  }

  private static HyundaiApiVerticle verticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship,
                                             Duration minForceInterval, Clock clock, ApiAddresses addresses) {
    CloudModule module = CloudModules.forAccount(account);
    return new HyundaiApiVerticle(module, account, api, clock, vertx -> Stewardship.start(vertx, account.region(),
            stewardship, minForceInterval.toSeconds(), api.stateDir(), clock, module.maxCallsPerForce(),
            budgetName(addresses.account()))
        .map(started -> new UpstreamGuards(started.callBudget(), started.wakePolicy(),
            new RefreshSafeguards(Duration.ofSeconds(stewardship.minReadIntervalSeconds()),
                new SavedVehicleList(started.stateFile(SavedVehicleList.FILE), started.writeWatch())),
            started::close)), addresses);
  }

  /** Without stewardship: the given budget and wake policy, no read window, no saved vehicle list (tests). */
  public static HyundaiApiVerticle verticle(AccountConfig account, ApiConfig api, Clock clock, CallBudget budget,
                                            WakePolicy wakePolicy) {
    return new HyundaiApiVerticle(CloudModules.forAccount(account), account, api, clock,
        UpstreamGuards.fixed(budget, wakePolicy));
  }
}
