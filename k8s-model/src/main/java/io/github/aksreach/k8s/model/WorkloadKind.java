package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * The workload kinds whose pod templates aksreach reads.
 *
 * <pre>{@code
 * WorkloadKind.fromKind("DaemonSet");   // Optional[DAEMON_SET]
 * }</pre>
 */
public enum WorkloadKind {
  DEPLOYMENT("Deployment"),
  DAEMON_SET("DaemonSet"),
  STATEFUL_SET("StatefulSet"),
  REPLICA_SET("ReplicaSet");

  private final String kind;

  WorkloadKind(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  public static Optional<WorkloadKind> fromKind(String s) {
    for (WorkloadKind k : values()) {
      if (k.kind.equals(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kind;
  }
}
