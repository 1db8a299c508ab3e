package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A taint's effect.
 *
 * <pre>{@code
 * TaintEffect.fromApiName("NoSchedule");   // Optional[NO_SCHEDULE]
 * }</pre>
 */
public enum TaintEffect {
  NO_SCHEDULE("NoSchedule"),
  PREFER_NO_SCHEDULE("PreferNoSchedule"),
  NO_EXECUTE("NoExecute");

  private final String apiName;

  TaintEffect(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<TaintEffect> fromApiName(String s) {
    for (TaintEffect e : values()) {
      if (e.apiName.equals(s)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
