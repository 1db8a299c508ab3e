package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Merging dumped and derived load-balancing rules (CONTRACTS.md 1: a dumped rule always wins, no duplicates). A
 * derived rule whose name a dumped rule of the same load balancer has is that rule as Azure holds it, and goes; beyond
 * that the merge loses nothing: every flow some rule forwards is still forwarded, by a dumped rule whenever one
 * forwards it (the dumped rules come first, and the first match decides), and no derived rule is kept that a dumped
 * one fully covers.
 */
class LoadBalancerMergeProperties {
  private static final List<IpAddress> IPS = List.of(IpAddress.of("10.0.0.100"), IpAddress.of("10.0.0.101"));
  private static final List<Integer> PORTS = List.of(0, 53, 80, 443);
  private static final ResourceId LB = ResourceId.of(
      "/subscriptions/s/resourceGroups/mc/providers/Microsoft.Network/loadBalancers/kubernetes-internal");

  record Case(List<LbRuleSpec> dumped, List<LbRuleSpec> derived) {}

  private static LbRuleSpec rule(K8sGens.R r, String name, boolean derived) {
    IpAddress ip = r.pick(IPS);
    Frontend fe = Frontend.builder().name("fe" + ip).id(LB.child("frontendIPConfigurations", "fe" + ip))
        .privateIp(ip).build();
    int port = r.pick(PORTS);
    LbRule rule = LbRule.builder().name(name).frontendId(fe.id().orElseThrow())
        .protocol(r.pick(List.of(LbProtocol.values()))).frontendPort(port).backendPort(port).build();
    LoadBalancer lb = LoadBalancer.builder().id(LB).addFrontends(fe).addRules(rule).build();
    return new LbRuleSpec(lb, rule, fe, ip, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), derived);
  }

  static Gen<Case> cases() {
    return in -> {
      K8sGens.R r = new K8sGens.R(in);
      List<LbRuleSpec> dumped = new ArrayList<>();
      List<LbRuleSpec> derived = new ArrayList<>();
      int n = r.between(0, 3);
      for (int i = 0; i < n; i++) {
        dumped.add(rule(r, r.oneIn(4) ? "shared" + i : "dumped" + i, false));
      }
      int m = r.between(0, 4);
      for (int i = 0; i < m; i++) {
        derived.add(rule(r, r.oneIn(4) ? "shared" + i : "derived" + i, true));
      }
      return new Case(dumped, derived);
    };
  }

  private static boolean forwards(LbRuleSpec r, IpAddress ip, Protocol p, int port) {
    return r.frontendIp().equals(ip) && r.protocols().contains(p) && r.frontendPorts().contains(port);
  }

  private static Optional<LbRuleSpec> first(List<LbRuleSpec> rules, IpAddress ip, Protocol p, int port) {
    return rules.stream().filter(r -> forwards(r, ip, p, port)).findFirst();
  }

  @Test
  void mergingKeepsEveryForwardedFlowLetsDumpedRulesDecideAndDropsOnlyCoveredDuplicates() {
    qt().withFixedSeed(0x10adL).withExamples(2000).forAll(cases()).checkAssert(k -> {
      List<LbRuleSpec> merged = LoadBalancerResolver.merge(k.dumped(), k.derived());
      assertThat(merged.subList(0, k.dumped().size())).as("dumped first, all of them").isEqualTo(k.dumped());
      for (IpAddress ip : IPS) {
        for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
          for (int port : List.of(53, 80, 443, 8443)) {
            List<LbRuleSpec> all = new ArrayList<>(k.dumped());
            k.derived().stream().filter(r -> k.dumped().stream().noneMatch(d -> d.name().equals(r.name())))
                .forEach(all::add);
            Optional<LbRuleSpec> before = first(all, ip, p, port);
            Optional<LbRuleSpec> after = first(merged, ip, p, port);
            assertThat(after.isPresent()).as("%s %s %d in %s", ip, p, port, k).isEqualTo(before.isPresent());
            if (first(k.dumped(), ip, p, port).isPresent()) {
              assertThat(after.orElseThrow().derived()).as("a dumped rule decides %s %s %d", ip, p, port).isFalse();
            }
          }
        }
      }
      for (LbRuleSpec r : merged.subList(k.dumped().size(), merged.size())) {
        for (LbRuleSpec d : k.dumped()) {
          assertThat(LoadBalancerResolver.duplicates(d, r)).as("%s kept though %s covers it", r.name(), d.name())
              .isFalse();
        }
      }
      long droppedDerived = k.derived().size() - (merged.size() - k.dumped().size());
      assertThat(droppedDerived).isEqualTo(k.derived().stream()
          .filter(r -> k.dumped().stream().anyMatch(d -> LoadBalancerResolver.duplicates(d, r))).count());
    });
  }
}
