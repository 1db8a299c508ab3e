package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * An EndpointSlice's {@code addressType}.
 *
 * <pre>{@code
 * AddressType.fromApiName("IPv4");   // Optional[IPV4]
 * }</pre>
 */
public enum AddressType {
  IPV4("IPv4"),
  IPV6("IPv6"),
  /** Hostnames: aksreach models no DNS, so such slices carry no reachable addresses. */
  FQDN("FQDN");

  private final String apiName;

  AddressType(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<AddressType> fromApiName(String s) {
    for (AddressType t : values()) {
      if (t.apiName.equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
