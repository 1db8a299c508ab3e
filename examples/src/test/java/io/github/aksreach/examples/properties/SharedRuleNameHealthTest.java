package io.github.aksreach.examples.properties;

import io.github.aksreach.k8s.output.CheckOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.oracle.ConcreteOracle;
import io.github.aksreach.k8s.oracle.EngineAnswer;
import io.github.aksreach.k8s.oracle.OracleAnswer;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two LB rules with the same name must not share health. cloud-provider-azure names a rule {@code "a" + UID without
 * dashes} truncated to 32 characters, then {@code -TCP-<port>} (DOMAIN.md 3.1), so two Services whose UIDs agree on
 * their first 31 hex digits get equal rule names on one load balancer; a dumped pair of load balancers may also name
 * rules alike. Found by the oracle ({@link OracleProperties}): the rotation looked a rule's health up by name, so
 * {@code default/web} (externalTrafficPolicy Local, its only pod on node 0: nodes 1 and 2 answer its probe 503)
 * took the health of the ingress controller's rule (Cluster, every node UP), sent a third of the flows to each node
 * and lost two thirds to "no local endpoint". The client is in the VNet (an internal frontend: AllowVnetInBound).
 */
class SharedRuleNameHealthTest {
  private static GeneratedCluster cluster() {
    Map<String, List<GeneratedCluster.Rule>> nsgs = new TreeMap<>();
    nsgs.put(GeneratedCluster.CLUSTER_NSG, List.of());
    return new GeneratedCluster(List.of("nodes-a", "nodes-a", "nodes-a"), nsgs, false, "Local", false, List.of(),
        false, List.of(new int[] {0, 1}), "", false, false, 0, "Cluster", true, "", "", false, false, "", "");
  }

  @Test
  void aLocalServiceKeepsItsOwnProbeHealthWhenAnotherRuleHasItsName() {
    AksReachability a = AksReachability.of(cluster().scenario(), AksOptions.defaults());
    List<LbRuleSpec> rules = a.network().loadBalancing().rules();
    LbRuleSpec web = rules.stream().filter(r -> r.frontendIp().equals(GeneratedCluster.INTERNAL_FRONTEND))
        .findFirst().orElseThrow();
    LbRuleSpec nginx = rules.stream().filter(r -> r.frontendIp().equals(GeneratedCluster.NGINX_FRONTEND))
        .findFirst().orElseThrow();
    assertThat(web.name()).as("the case needs two rules of one name").isEqualTo(nginx.name());
    assertThat(web.loadBalancerName()).isEqualTo(nginx.loadBalancerName());

    Flow f = Flow.tcp("10.0.9.4:40000", GeneratedCluster.INTERNAL_FRONTEND + ":80");
    Verdict v = a.check(f).verdict();
    assertThat(v.kind()).as(CheckOutput.text(a.check(f))).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.paths()).hasSize(1);
    assertThat(v.paths().get(0).delivered()).isTrue();

    OracleAnswer o = new ConcreteOracle(a.network()).check(f);
    assertThat(OracleAgreement.agree(o, EngineAnswer.of(a.check(f)))).as(o.describe()).isTrue();
    // the ingress controller's rule (Cluster, nodePort probe) still has every node in rotation: the oracle sends a
    // third to each, and the engine agrees
    Flow toNginx = Flow.tcp("10.0.9.4:40000", GeneratedCluster.NGINX_FRONTEND + ":80");
    OracleAnswer n = new ConcreteOracle(a.network()).check(toNginx);
    assertThat(n.leaves()).hasSize(3).allMatch(l -> l.delivered());
    assertThat(OracleAgreement.agreeUpToNodeSources(a.network(), n, EngineAnswer.of(a.check(toNginx)))).isTrue();
  }
}
