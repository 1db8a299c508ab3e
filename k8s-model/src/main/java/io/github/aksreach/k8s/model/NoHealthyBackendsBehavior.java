package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.vavr.control.Validation;

/**
 * What an Azure load balancer does when every backend's probe is down (its {@code noHealthyBackendsBehavior}).
 *
 * <pre>{@code
 * NoHealthyBackendsBehavior.parse("AllProbedUp").get();   // ALL_PROBED_UP
 * }</pre>
 */
public enum NoHealthyBackendsBehavior {
  /** Default: no healthy backend, no traffic. */
  ALL_PROBED_DOWN("AllProbedDown"),
  /** Traffic is spread over every backend as if all were healthy. */
  ALL_PROBED_UP("AllProbedUp");

  private final String configName;

  NoHealthyBackendsBehavior(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Validation<ModelError, NoHealthyBackendsBehavior> parse(String text) {
    for (NoHealthyBackendsBehavior m : values()) {
      if (m.configName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(m);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid noHealthyBackendsBehavior '%s': expected AllProbedDown or AllProbedUp", text));
  }

  @Override
  public String toString() {
    return configName;
  }
}
