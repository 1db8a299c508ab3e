package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * The protocol of a health probe (Basic SKU: Tcp and Http only).
 *
 * <pre>{@code
 * ProbeProtocol.parse("Http").orElseThrow();   // HTTP: healthy only on HTTP 200
 * }</pre>
 */
public enum ProbeProtocol {
  TCP("Tcp"),
  HTTP("Http"),
  HTTPS("Https");

  private final String azureName;

  ProbeProtocol(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<ProbeProtocol> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, ProbeProtocol> parseResult(String text) {
    for (ProbeProtocol v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid ProbeProtocol '%s': expected one of Tcp, Http, Https", text));
  }
}
