package io.github.aksreach.k8s.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A workload's pod template: the labels, containers, host networking and node selector its pods will have.
 *
 * <pre>{@code
 * PodTemplate t = deployment.template();
 * t.nodeSelector();   // {agentpool=npuser01}: pinned to a pool
 * }</pre>
 */
@Value.Immutable
abstract class AbstractPodTemplate {
  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  public abstract List<Container> containers();

  @Value.Default
  public boolean hostNetwork() {
    return false;
  }

  public abstract Map<String, String> nodeSelector();
}
