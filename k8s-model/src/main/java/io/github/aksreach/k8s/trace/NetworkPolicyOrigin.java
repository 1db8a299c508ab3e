package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.k8s.model.PolicyType;
import java.util.List;
import java.util.Objects;

/**
 * A NetworkPolicy hop: whose rules (a pod, or a group of pods the same policies isolate), which direction, and the
 * policies that isolate them (empty: not isolated). The deciding rule is the hop's {@code rule()}.
 *
 * <pre>{@code
 * if (d.origin() instanceof NetworkPolicyOrigin np) {
 *   System.out.println(np.pod() + " isolated for " + np.direction() + " by " + np.policies());
 * }
 * }</pre>
 *
 * @param pod the pod (for a group: its first pod)
 * @param groupSize how many pods share these rules (1 for a single pod)
 * @param direction ingress or egress
 * @param policies the isolating policies, as {@code namespace/name}
 */
public record NetworkPolicyOrigin(PodRef pod, int groupSize, PolicyType direction, List<String> policies)
    implements Origin {
  public NetworkPolicyOrigin {
    Objects.requireNonNull(pod);
    Objects.requireNonNull(direction);
    policies = List.copyOf(policies);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.NETWORK_POLICY;
  }

  @Override
  public String label() {
    String d = direction == PolicyType.INGRESS ? "ingress" : "egress";
    return groupSize > 1
        ? "NetworkPolicy " + d + " of pods " + pod + " (and " + (groupSize - 1) + " isolated by the same policies)"
        : "NetworkPolicy " + d + " of pod " + pod;
  }
}
