package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * How a load-balancing rule hashes flows onto backends: 5-tuple, 2-tuple (SourceIP) or 3-tuple.
 *
 * <pre>{@code
 * LoadDistribution.parse("SourceIP").orElseThrow();   // SOURCE_IP: what sessionAffinity ClientIP maps to
 * }</pre>
 */
public enum LoadDistribution {
  DEFAULT("Default"),
  SOURCE_IP("SourceIP"),
  SOURCE_IP_PROTOCOL("SourceIPProtocol");

  private final String azureName;

  LoadDistribution(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<LoadDistribution> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, LoadDistribution> parseResult(String text) {
    for (LoadDistribution v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid LoadDistribution '%s': expected one of Default, SourceIP, SourceIPProtocol", text));
  }
}
