package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.vertx.core.Future;
import java.util.List;

/**
 * One region's simulated car cloud as demo mode runs it: started on a free port, with an account of its own whose
 * credentials the demo hands the bridge. Each region adds one {@link DemoClouds} entry.
 */
interface DemoCloud {

  /** Starts the simulator; the demo waits for it before starting the bridge. */
  Future<?> start();

  Future<Void> stop();

  /** The simulated account's sign-in name, password and PIN. */
  String username();

  String password();

  String pin();

  /** Every base URL of the region's module pointed at the simulator. */
  RegionEndpoints endpoints();

  /** The cars' ids, for the log lines that show how to watch and command them. */
  List<String> vehicleIds();

  /** Where the simulator listens, for the log. */
  String baseUrl();
}
