package io.github.aksreach.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * Laws of {@link Scenario}'s {@code with*} copies on generated clusters ({@link GeneratedCluster}): a copy answers
 * exactly as the edited dump, loaded, answers; a copy and its inverse give back the original's answers; an Allow rule
 * added by a copy never removes reachability while health is fixed.
 */
class WhatIfProperties {
  private static final int EXAMPLES = Integer.getInteger("aksreach.examples", 50) / 2;
  private static final long SEED = Long.getLong("aksreach.seed", 20260801L);

  /** Every answer the properties compare: reach sets of the frontends and a node port, and every backend's state. */
  private static List<Object> answers(GeneratedCluster c, Scenario s, boolean transientHealth) {
    AksReachability a = AksReachability.of(s, AksOptions.defaults().withTransientHealth(transientHealth));
    List<Object> out = new ArrayList<>();
    for (Destination d : destinations(c)) {
      ReachSets sets = a.reach(d, L7.none(), EndToEndProperties.UNIVERSE).sets();
      out.add(List.of(d, sets.always(), sets.sometimes(), sets.never()));
    }
    for (BackendHealth b : a.health().backends()) {
      out.add(List.of(b.frontend(), b.node().name(), b.state()));
    }
    return out;
  }

  private static List<Destination> destinations(GeneratedCluster c) {
    List<Destination> out = new ArrayList<>(List.of(Destination.of(c.webFrontend(), 80, Protocol.TCP),
        Destination.of(c.nodeIp(0), 30080, Protocol.TCP)));
    if (c.nginxNode() >= 0) {
      out.add(Destination.of(GeneratedCluster.NGINX_FRONTEND, 80, Protocol.TCP));
    }
    return out;
  }

  /**
   * {@code withNsgRule} is the dump with the rule added, loaded: the same Azure network and the same answers; and
   * {@code withoutNsgRule} undoes it: the original network and answers again.
   */
  @Test
  void anNsgRuleCopyIsTheEditedDumpAndItsInverseTheOriginal() {
    AtomicInteger changed = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0)
        .forAll(GeneratedCluster.clusters(), EndToEndProperties.picks(), SourceDSL.booleans().all())
        .checkAssert((c, pick, allow) -> {
          List<String> nsgs = new ArrayList<>(c.nsgRules().keySet());
          String nsg = nsgs.get(Math.floorMod(pick[0], nsgs.size()));
          GeneratedCluster.Rule r = GeneratedCluster.addedRule(new GeneratedCluster.R(pick[1]),
              c.nsgRules().get(nsg), allow ? "Allow" : "Deny");
          Scenario original = c.scenario();
          Scenario dumped = c.withRule(nsg, r).scenario();
          SecurityRule rule = dumped.azure().nsgByName(nsg).orElseThrow().rule("added").orElseThrow();

          Scenario copy = original.withNsgRule(nsg, rule).orElseThrow();
          assertThat(copy.azure()).as("%s + %s in %s", c, r, nsg).isEqualTo(dumped.azure());
          List<Object> after = answers(c, copy, false);
          assertThat(after).as("%s + %s in %s", c, r, nsg).isEqualTo(answers(c, dumped, false));

          Scenario back = copy.withoutNsgRule(nsg, "added").orElseThrow();
          assertThat(back.azure()).isEqualTo(original.azure());
          List<Object> before = answers(c, original, false);
          assertThat(answers(c, back, false)).isEqualTo(before);
          if (!after.equals(before)) {
            changed.incrementAndGet();
          }
        });
    // not vacuous: the added rule changes some answer in a fair share of the cases
    assertThat(changed.get()).isGreaterThan(EXAMPLES / 10);
  }

  /**
   * {@code withExternalTrafficPolicy} is the dump with the policy switched (and the health-check node port the dump
   * gives a Local Service), loaded: the same Services and the same answers; switching back gives the original.
   */
  @Test
  void aTrafficPolicyCopyIsTheEditedDumpAndItsInverseTheOriginal() {
    AtomicInteger changed = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(GeneratedCluster.clusters())
        .checkAssert(c -> {
          TrafficPolicy from = TrafficPolicy.fromApiName(c.etp()).orElseThrow();
          TrafficPolicy to = from == TrafficPolicy.LOCAL ? TrafficPolicy.CLUSTER : TrafficPolicy.LOCAL;
          GeneratedCluster flipped = new GeneratedCluster(c.nodeSubnets(), c.nsgRules(), c.publicLb(), to.apiName(),
              c.floatingIpDisabled(), c.sourceRanges(), c.denyAll(), c.webPods(), c.policy(), c.policyEngine(),
              c.policySeesPostSnat(), c.nginxNode(), c.nginxEtp(), c.nginxHealthzPath(), c.allowList(),
              c.denyList(), c.allProbedUp(), c.sharedProbe(), c.frontendEgress(), c.hostPort(), c.gateway());
          Scenario original = c.scenario();
          Scenario dumped = flipped.scenario();

          Scenario copy = switched(original, to).orElseThrow();
          assertThat(copy.kubernetes().services()).as("%s", c).isEqualTo(dumped.kubernetes().services());
          List<Object> after = answers(c, copy, false);
          assertThat(after).as("%s switched to %s", c, to).isEqualTo(answers(c, dumped, false));

          Scenario back = switched(copy, from).orElseThrow();
          assertThat(back).isEqualTo(original);
          List<Object> before = answers(c, original, false);
          assertThat(answers(c, back, false)).isEqualTo(before);
          if (!after.equals(before)) {
            changed.incrementAndGet();
          }
        });
    assertThat(changed.get()).isGreaterThan(EXAMPLES / 4);
  }

  /** web switched to {@code policy}, with the health-check node port the generator dumps for Local (32080). */
  private static Validated<Scenario> switched(Scenario s, TrafficPolicy policy) {
    return s.withExternalTrafficPolicy("default", "web", policy).flatMap(x -> {
      if (policy == TrafficPolicy.CLUSTER) {
        return Validated.valid(x);
      }
      Service web = x.kubernetes().service("default", "web").orElseThrow();
      return x.withService(web.withHealthCheckNodePort(32080));
    });
  }

  /**
   * An Allow rule added by {@code withNsgRule} never removes reachability while health is fixed (every backend in
   * rotation): who always reached still always reaches, who never reaches never did. With derived health this does
   * not hold ({@code MonotonicityCounterexampleTest}).
   */
  @Test
  void anAllowRuleCopyNeverRemovesReachabilityUnderFixedHealth() {
    AtomicInteger raised = new AtomicInteger();
    // since routed-in ranges are in the VirtualNetwork tag, most added allows repeat what AllowVnetInBound already
    // admits: four times the draws keep enough of them that change an answer
    int draws = EXAMPLES * 4;
    qt().withFixedSeed(SEED + 1).withExamples(draws).withShrinkCycles(0)
        .forAll(GeneratedCluster.clusters(), EndToEndProperties.picks())
        .checkAssert((c, pick) -> {
          List<String> nsgs = new ArrayList<>(c.nsgRules().keySet());
          String nsg = nsgs.get(Math.floorMod(pick[0], nsgs.size()));
          GeneratedCluster.Rule r = GeneratedCluster.addedRule(new GeneratedCluster.R(pick[1]),
              c.nsgRules().get(nsg), "Allow");
          SecurityRule rule = c.withRule(nsg, r).scenario().azure().nsgByName(nsg).orElseThrow().rule("added")
              .orElseThrow();
          Scenario s0 = c.scenario();
          AksReachability a0 = AksReachability.of(s0, AksOptions.defaults().withTransientHealth(true));
          AksReachability a1 = a0.whatIf(s -> s.withNsgRule(nsg, rule)).orElseThrow();
          boolean any = false;
          for (Destination d : destinations(c)) {
            ReachSets before = a0.reach(d, L7.none(), EndToEndProperties.UNIVERSE).sets();
            ReachSets after = a1.reach(d, L7.none(), EndToEndProperties.UNIVERSE).sets();
            assertThat(before.always().difference(after.always()).isEmpty()).as("%s lost ALWAYS after %s in %s: %s",
                d, r, nsg, c).isTrue();
            assertThat(after.never().difference(before.never()).isEmpty()).as("%s gained NEVER after %s in %s: %s",
                d, r, nsg, c).isTrue();
            any |= !after.always().equals(before.always()) || !after.never().equals(before.never());
          }
          if (any) {
            raised.incrementAndGet();
          }
        });
    assertThat(raised.get()).as("draws whose added Allow changed an answer, of " + draws).isGreaterThanOrEqualTo(
        draws / 20);
  }
}
