package io.github.aksreach.examples.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.InvalidInputException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What-if questions asked in memory with {@link Scenario}'s {@code with*} copies, on the article's lab: the copies
 * answer as the lab's own steps do.
 */
class WhatIfTest {
  private static final String NGINX_NS = "ingress";
  private static final String NGINX = "ingress-nginx-controller";
  private static final Destination FRONTEND = Destination.parse("192.168.0.22:80/tcp").get();
  private static final Flow CLIENT = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
      .withHttp("demoapi.eyskens.corp", "/weatherforecast");

  private static Scenario step(String name) {
    return ScenarioLoader.load(LabScenarios.directory(name)).orElseThrow();
  }

  private static AksReachability analysis(Scenario s) {
    return AksReachability.of(s, AksOptions.defaults());
  }

  private static Map<String, BackendHealth.State> health(AksReachability a) {
    Map<String, BackendHealth.State> out = new TreeMap<>();
    a.health().backends().forEach(b -> out.put(b.node().name(), b.state()));
    return out;
  }

  /**
   * Step 4 switched to externalTrafficPolicy Local, without the node-to-node opening Cluster needed (step 5's
   * conclusion), is step 6 at layer 4: the same exact source sets, the same backends UP and DOWN, and the article's
   * client gets every request through, seen by NGINX as itself.
   */
  @Test
  void step4SwitchedToLocalWithoutTheNodeOpeningAnswersAsStep6() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    Scenario whatIf = step4.withExternalTrafficPolicy(NGINX_NS, NGINX, TrafficPolicy.LOCAL)
        .flatMap(s -> s.withoutNsgRule("nsg-ingress", "AllowNodesToIngress")).orElseThrow();
    AksReachability local = analysis(whatIf);
    AksReachability step6 = analysis(step("step6-local-pinned"));

    ReachSets expected = step6.reach(FRONTEND, L7.none(), IpSet.all(IpFamily.V4)).sets();
    ReachSets got = local.reach(FRONTEND, L7.none(), IpSet.all(IpFamily.V4)).sets();
    assertThat(got.always()).isEqualTo(expected.always());
    assertThat(got.sometimes()).isEqualTo(expected.sometimes());
    assertThat(got.never()).isEqualTo(expected.never());
    assertThat(got.always().contains(IpAddress.of("192.168.1.4"))).isTrue();

    assertThat(health(local)).isEqualTo(health(step6)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "aks-ingress-41831646-vmss000000", BackendHealth.State.UP,
        "aks-nodepool1-41831646-vmss000001", BackendHealth.State.DOWN,
        "aks-user-28786594-vmss000001", BackendHealth.State.DOWN));

    Verdict v = local.check(CLIENT).verdict();
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    assertThat(v.deliveredFraction()).isEqualTo(Weight.ONE);
    for (PathResult p : v.paths()) {
      assertThat(Lab.nginxSaw(p, CLIENT)).contains(IpAddress.of("192.168.1.4"));
    }
  }

  /**
   * The {@code diff} of the lab (step 4 against step 6, {@code DiffCliTest}) asked in memory: the client goes from
   * 1 request in 3 to every request, the nodes of the other pools lose the ingress, two backends go DOWN.
   */
  @Test
  void theWhatIfDiffIsTheLabsDiff() {
    AksReachability step4 = analysis(step("step4-cluster-nsgs-nodes"));
    AksReachability local = step4.whatIf(s -> s.withExternalTrafficPolicy(NGINX_NS, NGINX, TrafficPolicy.LOCAL)
        .flatMap(x -> x.withoutNsgRule("nsg-ingress", "AllowNodesToIngress"))).orElseThrow();
    ScenarioDiff d = ScenarioDiff.of(step4, local, ScenarioDiff.frontends(step4, local));
    AksReachability step6 = analysis(step("step6-local-pinned"));
    ScenarioDiff lab = ScenarioDiff.of(step4, step6, ScenarioDiff.frontends(step4, step6));
    assertThat(changes(d)).isEqualTo(changes(lab))
        .containsEntry("SOMETIMES->ALWAYS", "[192.168.1.4/32]")
        .containsEntry("ALWAYS->NEVER", "[192.168.0.4/32, 192.168.0.36/32]")
        // the rest of the system and user subnets: AllowNodesToIngress admitted them (1 path in 3, through their own
        // subnet's NSG: SOMETIMES); Local needs no such opening, so without it nsg-ingress denies them
        .containsEntry("SOMETIMES->NEVER", "[192.168.0.0/30, 192.168.0.5/32, 192.168.0.6/31, 192.168.0.8/29, "
            + "192.168.0.32/30, 192.168.0.37/32, 192.168.0.38/31, 192.168.0.40/29]")
        .hasSize(3);
    Map<String, String> health = new TreeMap<>();
    for (ScenarioDiff.HealthChange h : d.health()) {
      health.put(h.node(), h.before().map(b -> b.state().name()).orElse("-") + "->"
          + h.after().map(b -> b.state().name()).orElse("-"));
    }
    // every backend is now probed on the health-check node port; only the ingress node, with the NGINX pod, answers
    assertThat(health).containsExactlyInAnyOrderEntriesOf(Map.of(
        "aks-ingress-41831646-vmss000000", "UP->UP",
        "aks-nodepool1-41831646-vmss000001", "UP->DOWN",
        "aks-user-28786594-vmss000001", "UP->DOWN"));
    // the analysis asked is unchanged
    assertThat(step4.check(CLIENT).verdict().deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  /**
   * Only the policy switched (the node opening kept): the client is fixed and the other pools keep the ingress, so
   * Local needs the opening no more, but costs nothing while it stays. The health-check node port is allocated as the
   * API server would (the lowest free one here), and switching back releases it: the original scenario again.
   */
  @Test
  void switchingToLocalAndBackAllocatesAndReleasesTheHealthCheckNodePort() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    Scenario local = step4.withExternalTrafficPolicy(NGINX_NS, NGINX, TrafficPolicy.LOCAL).orElseThrow();
    Service svc = local.kubernetes().service(NGINX_NS, NGINX).orElseThrow();
    assertThat(svc.externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(svc.healthCheckNodePort()).hasValue(30000);
    AksReachability a = analysis(local);
    ReachSets sets = a.reach(FRONTEND, L7.none(), IpSet.all(IpFamily.V4)).sets();
    assertThat(sets.always().contains(IpAddress.of("192.168.1.4"))).isTrue();
    assertThat(sets.always().contains(IpAddress.of("192.168.0.4"))).isTrue();
    assertThat(sets.always().contains(IpAddress.of("192.168.0.36"))).isTrue();
    assertThat(a.check(CLIENT).verdict().kind()).isEqualTo(Verdict.Kind.ALWAYS);

    Scenario back = local.withExternalTrafficPolicy(NGINX_NS, NGINX, TrafficPolicy.CLUSTER).orElseThrow();
    assertThat(back).isEqualTo(step4);
    assertThat(analysis(back).check(CLIENT).verdict().deliveredFraction()).isEqualTo(Weight.of(1, 3));
  }

  /** The article's fix for step 4, as an NSG what-if: the client allowed in the other node subnets. */
  @Test
  void allowingTheClientInEveryNodeSubnetFixesStep4() {
    SecurityRule allow = SecurityRule.builder().name("AllowClientToLb").priority(Priority.of(100))
        .direction(Direction.INBOUND).access(Access.ALLOW)
        .source(AddressSpec.prefixes(IpPrefix.of("192.168.1.4/32"))).build();
    AksReachability fixed = analysis(step("step4-cluster-nsgs-nodes")).whatIf(s -> s
        .withNsgRule("nsg-system", allow).flatMap(x -> x.withNsgRule("nsg-user", allow))).orElseThrow();
    assertThat(fixed.check(CLIENT).verdict().kind()).isEqualTo(Verdict.Kind.ALWAYS);
  }

  /** Every edit the API server or Azure would refuse comes back as an error value naming the edit. */
  @Test
  void refusedEditsAreErrorsNamingTheEdit() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    assertThat(messages(step4.withoutNsgRule("nsg-ingress", "Nope")))
        .containsExactly("what-if: withoutNsgRule(nsg-ingress, Nope): no custom rule Nope in NSG nsg-ingress");
    assertThat(messages(step4.withoutNsgRule("nsg-ingress", "DenyAllInBound"))).singleElement().asString()
        .contains("default rule");
    assertThat(messages(step4.withoutNsgRule("nsg-nowhere", "X"))).singleElement().asString()
        .startsWith("what-if: withoutNsgRule(nsg-nowhere, X): no NSG nsg-nowhere in the scenario (NSGs: ");
    assertThat(messages(step4.withExternalTrafficPolicy("default", "simpleapi", TrafficPolicy.LOCAL)))
        .singleElement().asString().contains("is of type ClusterIP: externalTrafficPolicy applies only to NodePort");
    assertThat(messages(step4.withoutService("default", "nope")))
        .containsExactly("what-if: withoutService(default/nope): no Service default/nope in the scenario");
    // AllowNodesToIngress holds inbound 110 in nsg-ingress
    SecurityRule clash = SecurityRule.builder().name("Other").priority(Priority.of(110)).direction(Direction.INBOUND)
        .access(Access.DENY).build();
    assertThat(messages(step4.withNsgRule("nsg-ingress", clash))).singleElement().asString()
        .contains("share inbound priority 110");
  }

  /**
   * {@code of} and {@code assemble} check what {@code load} checks: a second node claiming an address (the loader's
   * rule) and a service tag no ServiceTags file defines (the assembled network's) are refused, with every message.
   */
  @Test
  void ofAndAssembleRefuseWhatLoadRefuses() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    Node first = step4.kubernetes().nodes().get(0);
    KubernetesCluster twin = step4.kubernetes().withNodes(java.util.stream.Stream.concat(
        step4.kubernetes().nodes().stream(), java.util.stream.Stream.of(first.withName("twin"))).toList());
    Validated<Scenario> dup = step4.withKubernetes(twin);
    assertThat(messages(dup)).singleElement().asString().contains("Node twin claims address 192.168.0.4, which Node "
        + first.name() + " already has");
    Scenario unchecked = new Scenario(step4.name(), step4.azure(), twin, step4.aks(), step4.config(), step4.notes());
    assertThatThrownBy(() -> AksReachability.of(unchecked, AksOptions.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Node twin claims address 192.168.0.4");

    SecurityRule storage = SecurityRule.builder().name("AllowStorage").priority(Priority.of(150))
        .direction(Direction.OUTBOUND).access(Access.ALLOW).destination(AddressSpec.tag("Storage")).build();
    Scenario tagged = step4.withNsgRule("nsg-user", storage).orElseThrow();
    Validated<AksReachability> a = AksReachability.assemble(tagged, AksOptions.defaults());
    assertThat(a.isInvalid()).isTrue();
    assertThat(a.getError().map(ModelError::toString).mkString("\n")).contains("nsg-user").contains("Storage");
    assertThatThrownBy(() -> AksReachability.of(tagged, AksOptions.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Storage");
  }

  /** An NSG named by its resource id is the one NSG with that id; an id no NSG has is refused, listing the NSGs. */
  @Test
  void anNsgNamedByItsResourceIdIsEdited() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    String id = step4.azure().nsgByName("nsg-ingress").orElseThrow().id().toString();
    Scenario without = step4.withoutNsgRule(id, "AllowNodesToIngress").orElseThrow();
    assertThat(without.azure().nsgByName("nsg-ingress").orElseThrow().rule("AllowNodesToIngress")).isEmpty();
    assertThat(without).isEqualTo(step4.withoutNsgRule("nsg-ingress", "AllowNodesToIngress").orElseThrow());
    String other = id.substring(0, id.lastIndexOf('/') + 1) + "nsg-elsewhere";
    assertThat(messages(step4.withoutNsgRule(other, "AllowNodesToIngress"))).singleElement().asString()
        .startsWith("what-if: withoutNsgRule(" + other + ", AllowNodesToIngress): no NSG " + other
            + " in the scenario (NSGs: ");
  }

  /**
   * A what-if runs with the options the analysis was given, not with those the original scenario implied: a copy
   * whose scenario.yaml routes nothing into the VNet leaves the private ranges out of the VirtualNetwork tag, as the
   * same copy analysed afresh does.
   */
  @Test
  void aWhatIfAssemblesWithTheOptionsGivenNotTheOriginalsDerivedOnes() {
    Scenario step4 = step("step4-cluster-nsgs-nodes");
    AksReachability a = analysis(step4);
    assertThat(a.network().options().nsg().connectedPrefixes()).isNotEmpty();
    Scenario routesNothing = new Scenario(step4.name(), step4.azure(), step4.kubernetes(), step4.aks(),
        step4.config().withRoutedIntoVnet(java.util.List.of()), step4.notes());
    AksReachability whatIf = a.whatIf(s -> Validated.valid(routesNothing)).orElseThrow();
    assertThat(whatIf.network().options()).isEqualTo(analysis(routesNothing).network().options());
    assertThat(whatIf.network().options().nsg().connectedPrefixes()).isEmpty();
  }

  private static Map<String, String> changes(ScenarioDiff d) {
    Map<String, String> out = new TreeMap<>();
    for (ScenarioDiff.ReachChange c : d.reach()) {
      out.put(c.before() + "->" + c.after(), c.sources().toCidrs().toString());
    }
    return out;
  }

  private static java.util.List<String> messages(Validated<?> v) {
    assertThat(v.isInvalid()).as("refused: %s", v).isTrue();
    return v.getError().map(ModelError::toString).toJavaList();
  }
}
