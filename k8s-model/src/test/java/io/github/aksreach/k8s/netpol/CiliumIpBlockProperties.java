package io.github.aksreach.k8s.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.model.NetworkPolicyEngine;
import io.github.aksreach.k8s.model.Pod;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-engine {@code ipBlock} semantics (issue 12): Cilium's CIDR rules do not apply when both ends are cluster
 * endpoints, Azure NPM's and Calico's match any address. On generated clusters and policies, for every pod, peer
 * address, protocol and port: Cilium never admits what the iptables engines refuse, and the two differ only for
 * addresses of the cluster's own pods and nodes.
 */
class CiliumIpBlockProperties {
  private static final long SEED = 0xc111_0b10L;

  @Test
  void ciliumAdmitsASubsetAndDiffersOnlyOnClusterAddresses() {
    NetworkPolicyOptions npm = NetworkPolicyOptions.defaults().forEngine(NetworkPolicyEngine.AZURE);
    NetworkPolicyOptions cilium = NetworkPolicyOptions.defaults().forEngine(NetworkPolicyEngine.CILIUM);
    AtomicLong differ = new AtomicLong();
    AtomicLong same = new AtomicLong();
    qt().withFixedSeed(SEED).withExamples(100).forAll(K8sGens.clustersWithPolicies()).checkAssert(c -> {
      IpSet cluster = PolicySemantics.clusterAddresses(c);
      for (Pod pod : c.pods()) {
        if (pod.podIps().isEmpty()) {
          continue;
        }
        for (IpAddress other : K8sGens.probeAddresses(c)) {
          for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
            for (int port : K8sGens.PORTS) {
              boolean n = NetworkPolicyEvaluator.allowsIngress(c, other, pod, p, port, npm);
              boolean ci = NetworkPolicyEvaluator.allowsIngress(c, other, pod, p, port, cilium);
              assertThat(!ci || n).as("Cilium admits %s -> %s %s/%d, NPM does not", other, pod, p, port).isTrue();
              boolean ne = NetworkPolicyEvaluator.allowsEgress(c, pod, other, p, port, npm);
              boolean ce = NetworkPolicyEvaluator.allowsEgress(c, pod, other, p, port, cilium);
              assertThat(!ce || ne).as("Cilium lets %s -> %s %s/%d out, NPM does not", pod, other, p, port).isTrue();
              if (!cluster.contains(other)) {
                assertThat(ci).as("outside address %s -> %s", other, pod).isEqualTo(n);
                assertThat(ce).as("%s -> outside address %s", pod, other).isEqualTo(ne);
              }
              (ci != n || ce != ne ? differ : same).incrementAndGet();
            }
          }
        }
      }
    });
    System.out.printf("Cilium ipBlock property: %d cases differ, %d agree%n", differ.get(), same.get());
    assertThat(differ.get()).as("the engines must disagree somewhere for the property to mean anything")
        .isGreaterThan(100);
    assertThat(same.get()).isGreaterThan(10_000);
  }

  @Test
  void theEngineDecidesOnlyWhereTheOptionIsUnset() {
    assertThat(NetworkPolicyOptions.defaults().forEngine(NetworkPolicyEngine.CILIUM)
        .ipBlockMatchesClusterAddressesOrDefault()).isFalse();
    for (NetworkPolicyEngine e : List.of(NetworkPolicyEngine.AZURE, NetworkPolicyEngine.CALICO,
        NetworkPolicyEngine.NONE)) {
      assertThat(NetworkPolicyOptions.defaults().forEngine(e).ipBlockMatchesClusterAddressesOrDefault()).isTrue();
    }
    NetworkPolicyOptions explicit = NetworkPolicyOptions.builder().ipBlockMatchesClusterAddresses(true).build();
    assertThat(explicit.forEngine(NetworkPolicyEngine.CILIUM).ipBlockMatchesClusterAddressesOrDefault()).isTrue();
  }
}
