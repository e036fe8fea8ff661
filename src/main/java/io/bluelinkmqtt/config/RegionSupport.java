package io.bluelinkmqtt.config;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration needs to know of one region module: the region and brands it serves (any other
 * pair is refused at start) and the base URLs a user may override, each with its environment variable.
 *
 * @param endpoints read from {@code api.endpoints.<region>.<name>} (region in lower case) or the variable
 */
public record RegionSupport(Region region, Set<Brand> brands, List<EndpointSetting> endpoints) {

  public RegionSupport {
    brands = Set.copyOf(brands);
    endpoints = List.copyOf(endpoints);
  }

  /** Every base URL of the region pointed at one address (a simulator, a proxy). */
  public AppConfig.RegionEndpoints allAt(String baseUrl) {
    Map<String, String> urls = new LinkedHashMap<>();
    endpoints.forEach(e -> urls.put(e.name(), baseUrl));
    return new AppConfig.RegionEndpoints(urls);
  }

  /** The config path of one of its base URLs: {@code api.endpoints.<region in lower case>.<name>}. */
  public String pathOf(EndpointSetting endpoint) {
    return "api.endpoints." + region.name().toLowerCase(Locale.ROOT) + "." + endpoint.name();
  }

  /** True when this module serves the pair. */
  public boolean serves(Region region, Brand brand) {
    return this.region == region && brands.contains(brand);
  }

  /**
   * One overridable base URL.
   *
   * @param name the key under {@code api.endpoints.<region>}, e.g. "ccapi"
   * @param env the environment variable that overrides it, e.g. "BLUELINK_CCAPI_URL"
   */
  public record EndpointSetting(String name, String env) {
  }
}
