package io.bluelinkmqtt.api;

import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.VehicleIds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the cars a region's cloud lists into the cars the bridge serves, the same for every region: only the
 * configured one ({@code account.vehicleId}, by cloud id or VIN), named in topics by the cloud's id or the VIN
 * ({@code account.topicIdSource}), with printable, bounded labels.
 */
public final class VehicleNaming {

  private static final Logger LOG = LoggerFactory.getLogger(VehicleNaming.class);
  /** Longest label shown in bridge/info and Home Assistant. */
  static final int MAX_LABEL = 64;

  private final AccountConfig account;

  public VehicleNaming(AccountConfig account) {
    this.account = account;
  }

  /**
   * A car as the region's cloud lists it, before the bridge names it.
   *
   * @param apiId the cloud's own id; a car without one is skipped
   * @param nickname the owner's name for the car, as listed (cleaned here)
   * @param model the model name, as listed (cleaned here)
   * @param moduleData what the region module keeps of the car (see {@link Vehicle#moduleData()})
   * @param actions the remote actions the module offers for the car (see {@link Vehicle#actions()})
   */
  public record ListedVehicle(String apiId, String vin, String nickname, String model, EngineType engine,
                              Map<String, String> moduleData, Set<CommandName> actions) {

    /** A listed car that offers no actions. */
    public ListedVehicle(String apiId, String vin, String nickname, String model, EngineType engine,
                         Map<String, String> moduleData) {
      this(apiId, vin, nickname, model, engine, moduleData, Set.of());
    }
  }

  /** The served cars of a listing, in its order. */
  public List<Vehicle> served(List<ListedVehicle> listed) {
    return listed.stream().map(this::served).flatMap(Optional::stream).toList();
  }

  private Optional<Vehicle> served(ListedVehicle car) {
    Optional<String> only = account.vehicleId();
    if (only.isPresent() && !only.get().equals(car.apiId()) && !only.get().equals(car.vin())) {
      return Optional.empty();
    }
    String id = account.topicIdSource() == TopicIdSource.VIN ? car.vin() : car.apiId();
    if (car.apiId() == null || !VehicleIds.isValid(id) || "bridge".equalsIgnoreCase(id)) {
      LOG.warn("skipping a vehicle whose id cannot name a topic");
      return Optional.empty();
    }
    return Optional.of(new Vehicle(id, car.apiId(), car.vin(), label(car.nickname()), label(car.model()),
        account.brand(), car.engine(), car.moduleData(), car.actions()));
  }

  /** A name from the cloud, as shown in bridge/info and Home Assistant: printable, at most 64 characters. */
  public static String label(String text) {
    if (text == null) {
      return null;
    }
    String printable = text.replaceAll("\\p{Cntrl}", "").strip();
    return printable.isEmpty() ? null : printable.substring(0, Math.min(MAX_LABEL, printable.length()));
  }
}
