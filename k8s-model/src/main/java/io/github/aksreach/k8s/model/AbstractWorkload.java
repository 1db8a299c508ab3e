package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A Deployment, DaemonSet, StatefulSet or ReplicaSet, reduced to what reachability needs: its pod template (where its
 * pods may run, what they listen on) and its replica count.
 *
 * <pre>{@code
 * Workload w = cluster.workloads().get(0);
 * w.kind();                         // DEPLOYMENT
 * w.template().nodeSelector();      // {kubernetes.io/os=linux}: not pinned to a pool
 * }</pre>
 */
@Value.Immutable
abstract class AbstractWorkload {
  public abstract WorkloadKind kind();

  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  /** {@code spec.replicas} (absent for DaemonSets and when defaulted). */
  public abstract OptionalInt replicas();

  @Value.Default
  public LabelSelector selector() {
    return LabelSelector.everything();
  }

  public abstract PodTemplate template();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("workload namespace and name must not be empty");
    }
  }

  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of(kind().kind(), namespace(), name());
  }
}
