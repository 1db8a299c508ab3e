package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * An EndpointSlice's {@code addressType}.
 *
 * <pre>{@code
 * AddressType.fromApiName("IPv4");   // Optional[IPV4]
 * }</pre>
 */
public enum AddressType implements ApiNamed {
  IPV4("IPv4"),
  IPV6("IPv6"),
  /** Hostnames: aksreach models no DNS, so such slices carry no reachable addresses. */
  FQDN("FQDN");

  private final String apiName;

  AddressType(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<AddressType> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
