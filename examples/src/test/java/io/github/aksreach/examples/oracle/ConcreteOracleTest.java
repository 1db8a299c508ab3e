package io.github.aksreach.examples.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.oracle.ConcreteOracle;
import io.github.aksreach.k8s.oracle.EngineAnswer;
import io.github.aksreach.k8s.oracle.Fraction;
import io.github.aksreach.k8s.oracle.LeafKey;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import io.github.aksreach.k8s.oracle.OracleAnswer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The oracle's own answers on corpus scenarios, asserted against DOMAIN.md's facts (not against the engine), and the
 * comparison's ability to tell answers apart: the agreement tests mean something only if both hold.
 */
class ConcreteOracleTest {
  private static ConcreteOracle oracle(String scenario) throws URISyntaxException {
    Path dir = Path.of(ConcreteOracleTest.class.getResource("/scenarios/" + scenario).toURI());
    return new ConcreteOracle(AksReachability.load(dir).get().network());
  }

  private static LeafKey delivered(String src, String dst, int port) {
    return new LeafKey(true, Optional.of(IpAddress.of(src)), Optional.of(IpAddress.of(dst)), port, "",
        OptionalInt.empty());
  }

  private static LeafKey dropped(String kind, OptionalInt status) {
    return new LeafKey(false, Optional.empty(), Optional.empty(), 0, kind, status);
  }

  /** DOMAIN.md 4.1, 4.4, 4.5: ETP=Cluster masquerades; kubenet shows cbr0 on the pod's node, the node IP elsewhere. */
  @Test
  void clusterPolicyMasqueradesToTheBridgeOrTheForwardingNode() throws Exception {
    OracleAnswer a = oracle("etp-cluster-snat-kubenet").check(Flow.tcp("10.10.9.4:50000", "10.10.1.100:80"));
    assertThat(a.kind()).isEqualTo("ALWAYS");
    assertThat(a.byKey()).isEqualTo(Map.of(
        delivered("10.244.0.1", "10.244.0.10", 8080), Fraction.of(1, 2),
        delivered("10.10.1.5", "10.244.0.10", 8080), Fraction.of(1, 2)));
  }

  /** DOMAIN.md 2.1, 3.2, 4.1: ETP=Local, only the node with a Ready endpoint is UP; the pod sees the client. */
  @Test
  void localPolicyKeepsTheClientAddressThroughTheOnlyHealthyNode() throws Exception {
    OracleAnswer a = oracle("etp-local-no-snat").check(Flow.tcp("10.10.9.4:50000", "10.10.1.100:80"));
    assertThat(a.kind()).isEqualTo("ALWAYS");
    assertThat(a.leaves()).hasSize(1);
    assertThat(a.leaves().get(0).seen().srcIp()).isEqualTo(IpAddress.of("10.10.9.4"));
  }

  /** DOMAIN.md 2.1: every backend probed DOWN and AllProbedDown: no new flows. */
  @Test
  void allProbedDownSendsNothing() throws Exception {
    OracleAnswer a = oracle("probes-blocked-allprobeddown").check(Flow.tcp("10.10.9.4:50000", "10.10.1.100:80"));
    assertThat(a.byKey()).isEqualTo(Map.of(dropped("LOAD_BALANCER", OptionalInt.empty()), Fraction.ONE));
  }

  /** DOMAIN.md 5.1: the deny list is rendered first and wins over the allow list with 403. */
  @Test
  void nginxDenyListBeatsTheAllowList() throws Exception {
    ConcreteOracle o = oracle("nginx-deny-beats-allow");
    OracleAnswer denied = o.check(Flow.tcp("10.10.9.4:50000", "10.10.1.200:80").withHttp("app.example.com", "/"));
    assertThat(denied.byKey()).isEqualTo(Map.of(dropped("INGRESS", OptionalInt.of(403)), Fraction.ONE));
    OracleAnswer allowed = o.check(Flow.tcp("10.10.9.5:50000", "10.10.1.200:80").withHttp("app.example.com", "/"));
    assertThat(allowed.kind()).isEqualTo("ALWAYS");
    assertThat(allowed.leaves()).allSatisfy(l -> {
      assertThat(l.seen().srcIp()).as("NGINX proxies from its pod address").isEqualTo(IpAddress.of("10.244.0.20"));
      assertThat(l.seen().dstIp()).isEqualTo(IpAddress.of("10.244.1.10"));
    });
  }

  /** DOMAIN.md 4.5: a kubenet pod address is reached only from subnets routing its pod CIDR to the node. */
  @Test
  void kubenetPodAddressesNeedTheRoute() throws Exception {
    ConcreteOracle o = oracle("kubenet-pod-ip-routing");
    assertThat(o.check(Flow.tcp("10.10.1.50:50000", "10.244.0.10:8080")).kind()).isEqualTo("ALWAYS");
    assertThat(o.check(Flow.tcp("10.10.9.4:50000", "10.244.0.10:8080")).byKey())
        .isEqualTo(Map.of(dropped("NO_ROUTE", OptionalInt.empty()), Fraction.ONE));
  }

  /** The comparison refuses answers that differ in the fraction, a delivered header, or a drop kind. */
  @Test
  void theComparisonTellsAnswersApart() throws Exception {
    OracleAnswer a = oracle("etp-cluster-snat-kubenet").check(Flow.tcp("10.10.9.4:50000", "10.10.1.100:80"));
    EngineAnswer same = new EngineAnswer("ALWAYS", Fraction.ONE, a.byKey());
    assertThat(OracleAgreement.agree(a, same)).isTrue();
    assertThat(OracleAgreement.agree(a, new EngineAnswer("SOMETIMES", Fraction.of(1, 2), Map.of(
        delivered("10.244.0.1", "10.244.0.10", 8080), Fraction.of(1, 2),
        dropped("NSG", OptionalInt.empty()), Fraction.of(1, 2))))).isFalse();
    assertThat(OracleAgreement.agree(a, new EngineAnswer("ALWAYS", Fraction.ONE, Map.of(
        delivered("10.244.0.1", "10.244.0.10", 8080), Fraction.of(1, 2),
        delivered("10.10.1.4", "10.244.0.10", 8080), Fraction.of(1, 2))))).isFalse();
    assertThat(OracleAgreement.agree(a, new EngineAnswer("ALWAYS", Fraction.ONE, Map.of(
        delivered("10.244.0.1", "10.244.0.10", 8080), Fraction.ONE)))).isFalse();
  }
}
