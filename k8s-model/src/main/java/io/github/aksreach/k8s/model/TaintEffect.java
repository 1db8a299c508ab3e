package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A taint's effect.
 *
 * <pre>{@code
 * TaintEffect.fromApiName("NoSchedule");   // Optional[NO_SCHEDULE]
 * }</pre>
 */
public enum TaintEffect implements ApiNamed {
  NO_SCHEDULE("NoSchedule"),
  PREFER_NO_SCHEDULE("PreferNoSchedule"),
  NO_EXECUTE("NoExecute");

  private final String apiName;

  TaintEffect(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<TaintEffect> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
