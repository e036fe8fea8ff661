package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.Addresses;

/**
 * Where one API verticle takes its requests. The single account of a plain bridge answers the plain addresses
 * with node-local consumers, as ever; each account of several (or of a cluster) answers its own
 * {@link Addresses#forAccount} addresses with cluster-wide consumers, behind the account router.
 *
 * @param account the account id, "" for the single account
 */
public record ApiAddresses(String account, String refresh, String action, String vehicles, String drain,
                           boolean clusterWide) {

  public static final ApiAddresses SINGLE = new ApiAddresses("", Addresses.API_REFRESH, Addresses.API_ACTION,
      Addresses.API_VEHICLES, Addresses.API_DRAIN, false);

  /** Clustered: the addresses of the account's seat on this node ({@link Addresses#forSeat}). */
  public static ApiAddresses forSeat(String account, String seat) {
    return new ApiAddresses(account, Addresses.forSeat(Addresses.API_REFRESH, account, seat),
        Addresses.forSeat(Addresses.API_ACTION, account, seat), Addresses.forSeat(Addresses.API_VEHICLES, account, seat),
        Addresses.forSeat(Addresses.API_DRAIN, account, seat), true);
  }

  public static ApiAddresses forAccount(String account) {
    return new ApiAddresses(account, Addresses.forAccount(Addresses.API_REFRESH, account),
        Addresses.forAccount(Addresses.API_ACTION, account), Addresses.forAccount(Addresses.API_VEHICLES, account),
        Addresses.forAccount(Addresses.API_DRAIN, account), true);
  }
}
