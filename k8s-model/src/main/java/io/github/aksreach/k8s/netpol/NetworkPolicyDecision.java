package io.github.aksreach.k8s.netpol;

import io.github.aksreach.k8s.model.NetworkPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The answer of the concrete evaluator for one direction of one connection, with why.
 *
 * <pre>{@code
 * NetworkPolicyDecision d = NetworkPolicyEvaluator.decideIngress(cluster, src, pod, Protocol.TCP, 6379,
 *     NetworkPolicyOptions.defaults());
 * d.allowed();          // false
 * d.isolatedBy();       // [default/np1]
 * d.reason();           // "pod default/p1 is isolated for ingress by [default/np1]; no rule allows ..."
 * d.rule();             // Optional.empty() (on allow: "default/np1 ingress[0]" or "own node ...")
 * }</pre>
 *
 * @param allowed whether the connection is allowed in this direction
 * @param reason why, in words
 * @param isolatedBy the policies that isolate the pod in this direction (empty: not isolated)
 * @param rule the allowing rule ("ns/policy ingress[i]", "own node n"), when one allowed
 */
public record NetworkPolicyDecision(boolean allowed, String reason, List<NetworkPolicy> isolatedBy,
                                    Optional<String> rule) {
  public NetworkPolicyDecision {
    isolatedBy = List.copyOf(isolatedBy);
  }
}
