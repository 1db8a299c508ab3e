package io.github.aksreach.examples.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import java.util.List;

/**
 * The known disagreements between the oracle and the engine, by name, each with which side DOMAIN.md supports. A
 * disagreement no exclusion names fails the agreement tests; an exclusion nothing matches fails the corpus test
 * (stale).
 */
public final class OracleExclusions {
  private OracleExclusions() {}

  /**
   * A node, or a pod on it, sending to that node's own address and the nodePort of an externalTrafficPolicy: Local
   * Service. DOMAIN.md 4.1 (KUBE-EXT for ETP=Local): traffic from a local pod goes to the cluster chain (every
   * endpoint, no masquerade, via the local-traffic detector) and host-originated traffic ({@code --src-type LOCAL})
   * is masqueraded and sent to the cluster chain; only "everything else" gets node-local endpoints without
   * masquerade. The engine ({@code KubeProxyHops.host}: the nodePort rule always enters the external chain in mode
   * {@code FROM_LB})
   * gives both the node-local-only treatment: a node without a local endpoint drops what DOMAIN.md delivers, and a
   * node with one shows the unmasqueraded source. The oracle follows DOMAIN.md; the fix belongs in the kube-proxy hop
   * family.
   */
  public static final OracleAgreement.Exclusion LOCAL_NODEPORT_FROM_OWN_NODE = OracleAgreement.exclusion(
      "etp-local-nodeport-from-own-node", "engine applies node-local endpoints without SNAT to a node's own or its "
          + "pods' flows to its nodePort of an ETP=Local Service; DOMAIN.md 4.1 gives them the cluster chain "
          + "(pods unmasqueraded, the host masqueraded)", (net, m) -> localNodePortFromOwnNode(net, m.flow()));

  /**
   * The engine folds interchangeable nodes into one branch (the LB fork over backends, the kube-proxy chain of an
   * in-cluster client) and traces it on the class's first node, so a masqueraded source shows the representative's
   * address for every member: a client node 10.224.0.7 sending to a ClusterIP is shown arriving from 10.224.0.6, and
   * the second backend of a floating-IP-disabled rule delivers "from" the first backend's IP. Verdict, fraction and
   * every delivered destination and drop agree; only which node's address the SNAT shows differs (the oracle: the
   * node that masquerades, DOMAIN.md 4.1 KUBE-POSTROUTING "the primary address of the egress interface"). The fix
   * belongs in the assembly (the LB fork and InClusterSources: rewrite the source per member, or name the class in
   * the trace).
   */
  public static final OracleAgreement.Exclusion REPRESENTATIVE_NODE_SOURCE = OracleAgreement.exclusion(
      "node-class-representative-source", "the engine's trace of a class of equivalent nodes shows the "
          + "representative node's address as the masqueraded source for every member",
      (net, m) -> OracleAgreement.agreeUpToNodeSources(net, m.oracle(), m.engine()));

  /** Every exclusion, in the order they are tried. */
  public static final List<OracleAgreement.Exclusion> ALL = List.of(LOCAL_NODEPORT_FROM_OWN_NODE,
      REPRESENTATIVE_NODE_SOURCE);

  static boolean localNodePortFromOwnNode(AksNetwork net, Flow f) {
    for (Node n : net.kubernetes().nodes()) {
      if (!n.internalIps().contains(f.dstIp())) {
        continue;
      }
      boolean own = n.internalIps().contains(f.srcIp());
      for (Pod p : net.kubernetes().podsOnNode(n.name())) {
        own |= !p.hostNetwork() && p.isLive() && p.podIps().contains(f.srcIp());
      }
      if (!own) {
        return false;
      }
      for (Service svc : net.kubernetes().services()) {
        for (ServicePort sp : svc.ports()) {
          if (svc.externalTrafficPolicy() == TrafficPolicy.LOCAL && sp.protocol() == f.protocol()
              && sp.nodePort().isPresent() && sp.nodePort().getAsInt() == f.dstPort()) {
            return true;
          }
        }
      }
      return false;
    }
    return false;
  }
}
