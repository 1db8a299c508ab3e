package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A Kubernetes NetworkPolicy, with its {@code policyTypes} already defaulted (DOMAIN 6): when the spec lists none,
 * {@code Ingress} always, plus {@code Egress} iff the policy has egress rules.
 *
 * <pre>{@code
 * NetworkPolicy p = NetworkPolicy.builder().namespace("a0008").name("allow-only-ingress-to-workload")
 *     .podSelector(LabelSelector.ofLabels(Map.of("app.kubernetes.io/name", "aspnetapp")))
 *     .addIngress(NetworkPolicyRule.builder().addPeers(traefikPeer).build())
 *     .build();
 * p.policyTypes();       // [Ingress]  (defaulted)
 * p.selects(pod);        // same namespace and podSelector matches
 * p.isolates(pod, PolicyType.EGRESS);   // false
 * }</pre>
 *
 * <p>Semantics (union of policies, isolation per direction, own-node traffic) live in
 * {@code io.github.aksreach.k8s.netpol}.
 */
@Value.Immutable
abstract class AbstractNetworkPolicy {
  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  /** {@code spec.podSelector}: the pods of {@link #namespace()} this policy applies to; {@code {}} = all of them. */
  @Value.Default
  public LabelSelector podSelector() {
    return LabelSelector.everything();
  }

  /** {@code spec.policyTypes} as written; empty when the spec omits them (see {@link #policyTypes()}). */
  public abstract Set<PolicyType> declaredPolicyTypes();

  public abstract List<NetworkPolicyRule> ingress();

  public abstract List<NetworkPolicyRule> egress();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("network policy namespace and name must not be empty");
    }
  }

  /** The effective directions: {@link #declaredPolicyTypes()}, or the API server's default when none is declared. */
  public Set<PolicyType> policyTypes() {
    if (!declaredPolicyTypes().isEmpty()) {
      return declaredPolicyTypes();
    }
    // an EnumSet iterates in declaration order; Set.of of two would iterate in a per-JVM order
    return java.util.Collections.unmodifiableSet(egress().isEmpty() ? java.util.EnumSet.of(PolicyType.INGRESS)
        : java.util.EnumSet.of(PolicyType.INGRESS, PolicyType.EGRESS));
  }

  /** The pod is in this policy's namespace and matches its {@code podSelector}. */
  public boolean selects(Pod pod) {
    return pod.namespace().equals(namespace()) && podSelector().matches(pod.labels());
  }

  /** This policy makes {@code pod} isolated in {@code direction}. */
  public boolean isolates(Pod pod, PolicyType direction) {
    return policyTypes().contains(direction) && selects(pod);
  }

  /** The rules of one direction. */
  public List<NetworkPolicyRule> rules(PolicyType direction) {
    return direction == PolicyType.INGRESS ? ingress() : egress();
  }

  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of("NetworkPolicy", namespace(), name());
  }

  @Override
  public String toString() {
    return "NetworkPolicy " + key();
  }
}
