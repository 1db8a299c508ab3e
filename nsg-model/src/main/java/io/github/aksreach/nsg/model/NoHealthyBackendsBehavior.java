package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * What a load balancer does when every backend is probed down (API 2024-01-01 and later).
 *
 * <pre>{@code
 * NoHealthyBackendsBehavior.parse("AllProbedUp").orElseThrow();   // send to every instance
 * }</pre>
 */
public enum NoHealthyBackendsBehavior {
  ALL_PROBED_DOWN("AllProbedDown"),
  ALL_PROBED_UP("AllProbedUp");

  private final String azureName;

  NoHealthyBackendsBehavior(String azureName) {
    this.azureName = azureName;
  }

  /** The spelling Azure uses. */
  public String azureName() {
    return azureName;
  }

  /** Parses Azure's spelling, ignoring case. */
  public static Parsed<NoHealthyBackendsBehavior> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NoHealthyBackendsBehavior> parseResult(String text) {
    for (NoHealthyBackendsBehavior v : values()) {
      if (v.azureName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(v);
      }
    }
    return Validation.invalid(ModelError.of("invalid NoHealthyBackendsBehavior '%s': expected one of AllProbedDown, AllProbedUp", text));
  }
}
