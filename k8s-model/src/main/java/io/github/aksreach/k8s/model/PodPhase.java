package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A pod's {@code status.phase}.
 *
 * <pre>{@code
 * PodPhase.fromApiName("Running");   // Optional[RUNNING]
 * PodPhase.SUCCEEDED.isTerminal();   // true: the pod's IP may already belong to another pod
 * }</pre>
 */
public enum PodPhase implements ApiNamed {
  PENDING("Pending"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  UNKNOWN("Unknown");

  private final String apiName;

  PodPhase(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  /** Succeeded or Failed: the pod runs no more and holds no address. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  public static Optional<PodPhase> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
