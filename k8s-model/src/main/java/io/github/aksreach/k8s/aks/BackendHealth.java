package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.nsg.model.Probe;
import java.util.List;
import java.util.Optional;

/**
 * The health of one backend node for one probe, derived by tracing the probe itself (from 168.63.129.16 to the node's
 * probe port and path) through the NSGs, kube-proxy and the answering server.
 *
 * <pre>{@code
 * for (BackendHealth b : analysis.health().backends()) {
 *   System.out.println(b.node().name() + " " + b.state() + ": " + b.reason());
 * }
 * // aks-nodepool1-...  DOWN: probe forwarded to 10.244.2.2:80 as 192.168.0.4, denied by nsg-ingress DenyAllCustom (4000)
 * }</pre>
 *
 * @param frontend the frontend IP
 * @param rules the LB rules that use this probe on this frontend
 * @param node the backend node
 * @param ip the node address probed
 * @param state UP, DOWN or FLAPPING
 * @param probe the probe, if the rules have one
 * @param reason why, in words
 * @param probeFlow the probe flow traced
 * @param verdict the probe's verdict (paths and hops), if traced
 */
public record BackendHealth(IpAddress frontend, List<LbRuleSpec> rules, Node node, IpAddress ip, State state,
                            Optional<Probe> probe, String reason, Optional<Flow> probeFlow,
                            Optional<Verdict> verdict) {
  /** The three health states. */
  public enum State {
    /** Every probe path succeeds. */
    UP,
    /** No probe path succeeds. */
    DOWN,
    /** Some probe paths succeed (kube-proxy spreads the probes over endpoints, some unreachable). */
    FLAPPING
  }

  public BackendHealth {
    rules = List.copyOf(rules);
  }
}
