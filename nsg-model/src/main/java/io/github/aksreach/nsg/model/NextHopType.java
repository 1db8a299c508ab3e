package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * Where a user-defined route sends traffic.
 *
 * <pre>{@code
 * NextHopType.parse("VirtualAppliance").orElseThrow();   // VIRTUAL_APPLIANCE (kubenet pod routes)
 * }</pre>
 */
public enum NextHopType {
  VIRTUAL_NETWORK_GATEWAY("VirtualNetworkGateway"),
  VNET_LOCAL("VnetLocal"),
  INTERNET("Internet"),
  VIRTUAL_APPLIANCE("VirtualAppliance"),
  NONE("None");

  private final String azureName;

  NextHopType(String azureName) {
    this.azureName = azureName;
  }

  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<NextHopType> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NextHopType> parseResult(String text) {
    for (NextHopType t : values()) {
      if (t.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(t);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid nextHopType '%s': expected VirtualNetworkGateway, VnetLocal, Internet, VirtualAppliance or None",
        text));
  }
}
