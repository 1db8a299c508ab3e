package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.vavr.control.Validation;

/**
 * The protocol of a load-balancing rule.
 *
 * <pre>{@code
 * LbProtocol.parse("All").get();   // ALL (with frontendPort 0: HA ports)
 * }</pre>
 */
public enum LbProtocol {
  TCP("Tcp"),
  UDP("Udp"),
  ALL("All");

  private final String azureName;

  LbProtocol(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Validation<ModelError, LbProtocol> parse(String text) {
    for (LbProtocol v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid LbProtocol '%s': expected one of Tcp, Udp, All", text));
  }
}
