package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * The direction a security rule applies to, seen from the network interface.
 *
 * <pre>{@code
 * Direction.parse("Inbound").orElseThrow();   // INBOUND
 * Direction.INBOUND.opposite();       // OUTBOUND
 * }</pre>
 *
 * <p>Important note: Azure evaluates inbound traffic at the subnet's NSG first and then at the NIC's NSG; outbound
 * traffic at the NIC's NSG first and then at the subnet's.
 */
public enum Direction {
  INBOUND("Inbound"),
  OUTBOUND("Outbound");

  private final String azureName;

  Direction(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses: {@code Inbound} or {@code Outbound}. */
  public String azureName() {
    return azureName;
  }

  public Direction opposite() {
    return this == INBOUND ? OUTBOUND : INBOUND;
  }

  /** Parses {@code Inbound}/{@code Outbound}, ignoring case. */
  public static Parsed<Direction> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, Direction> parseResult(String text) {
    for (Direction d : values()) {
      if (d.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(d);
      }
    }
    return Validation.invalid(ModelError.of("invalid direction '%s': expected Inbound or Outbound", text));
  }
}
