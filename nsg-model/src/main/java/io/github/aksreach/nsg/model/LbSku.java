package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * A load balancer's SKU. Standard load balancers are "secure by default": closed unless an NSG opens them.
 *
 * <pre>{@code
 * LbSku.parse("standard").orElseThrow();   // STANDARD
 * }</pre>
 */
public enum LbSku {
  BASIC("Basic"),
  STANDARD("Standard"),
  GATEWAY("Gateway");

  private final String azureName;

  LbSku(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<LbSku> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, LbSku> parseResult(String text) {
    for (LbSku v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid LbSku '%s': expected one of Basic, Standard, Gateway", text));
  }
}
