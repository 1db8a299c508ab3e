package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * What a security rule does with the flows it matches.
 *
 * <pre>{@code
 * Access.parse("Allow").orElseThrow();   // ALLOW (case-insensitive, as Azure prints "Allow" and "allow")
 * Access.DENY.azureName();       // "Deny"
 * }</pre>
 */
public enum Access {
  ALLOW("Allow"),
  DENY("Deny");

  private final String azureName;

  Access(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses: {@code Allow} or {@code Deny}. */
  public String azureName() {
    return azureName;
  }

  /** Parses {@code Allow}/{@code Deny}, ignoring case. */
  public static Parsed<Access> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, Access> parseResult(String text) {
    for (Access a : values()) {
      if (a.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(a);
      }
    }
    return Validation.invalid(ModelError.of("invalid access '%s': expected Allow or Deny", text));
  }
}
