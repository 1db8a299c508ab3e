package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.ScenarioConfigLoader;
import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Application Gateway for Containers (DOMAIN-GATEWAY 4.6) through the API: the resolution of the managed and
 * bring-your-own deployments, the data path (association subnet NSG with the client as source, then the pods with the
 * AGC proxy's address as source), the UNVERIFIED options of 8.5 each changing the answer they should, and the loaders'
 * errors naming file and path.
 */
class AgcScenarioTest {
  private static final String API = "/api";

  static Path scenario(String name) {
    try {
      return Path.of(AgcScenarioTest.class.getResource("/scenarios/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static AksReachability load(String name, GatewayOptions o) {
    return AksReachability.load(scenario(name), AksOptions.defaults().withGateway(o)).get();
  }

  static AksReachability loadTransient(String name, GatewayOptions o) {
    return AksReachability.load(scenario(name), AksOptions.defaults().withGateway(o).withTransientHealth(true)).get();
  }

  static Verdict check(AksReachability a, String client, String path) {
    return a.check(Flow.tcp(client + ":50000", "20.61.10.5:80").withHttp("app.example.com", path)).verdict();
  }

  static Hop hop(PathResult p, AksHopKind kind) {
    return p.hops().stream().filter(h -> h.kind() == kind).reduce((x, y) -> y).orElseThrow();
  }

  @Test
  void managedAgcTakesItsAssociationSubnetFromTheApplicationLoadBalancer() {
    AgcGateway g = load("agc-association-subnet", GatewayOptions.defaults()).network().agcGateways().get(0);
    assertThat(g.deployment()).isEqualTo(AgcGateway.Deployment.MANAGED);
    assertThat(g.alb().orElseThrow().key()).isEqualTo("alb-infra/alb-test");
    assertThat(g.association().orElseThrow().name()).isEqualTo("subnet-alb");
    assertThat(g.proxyAddress()).contains(IpAddress.of("10.10.5.4"));   // A4.24, agcProxyHostIndex 4
    assertThat(g.frontends()).containsExactly(IpAddress.of("20.61.10.5"));
    assertThat(g.wired()).isTrue();
  }

  @Test
  void bringYourOwnTakesItsAssociationFromScenarioYaml() {
    AgcGateway g = load("agc-bring-your-own", GatewayOptions.defaults()).network().agcGateways().get(0);
    assertThat(g.deployment()).isEqualTo(AgcGateway.Deployment.BRING_YOUR_OWN);
    assertThat(g.alb()).isEmpty();
    assertThat(g.association().orElseThrow().name()).isEqualTo("subnet-alb");
    assertThat(g.wired()).isTrue();
  }

  @Test
  void thePodAndItsPoliciesSeeTheProxyAddressTheNsgSeesTheClient() {
    // A4.22 no kube-proxy, A4.24 source = association subnet, S5.16 NSG on the client
    Verdict v = check(load("agc-association-subnet", GatewayOptions.defaults()), "203.0.113.7", API);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    PathResult p = v.paths().get(0);
    Flow f = Flow.tcp("203.0.113.7:50000", "20.61.10.5:80");
    assertThat(hop(p, AksHopKind.POD).seen(f).srcIp()).isEqualTo(IpAddress.of("10.10.5.4"));
    assertThat(hop(p, AksHopKind.NETWORK_POLICY).seen(f).srcIp()).isEqualTo(IpAddress.of("10.10.5.4"));
    assertThat(p.hops()).noneMatch(h -> h.kind() == AksHopKind.KUBE_PROXY || h.kind() == AksHopKind.LOAD_BALANCER);
    Hop nsg = p.hops().stream().filter(h -> h.label().contains("nsg-alb")).findFirst().orElseThrow();
    assertThat(nsg.seen(f).srcIp()).isEqualTo(IpAddress.of("203.0.113.7"));
    assertThat(nsg.seen(f).dstIp()).isEqualTo(IpAddress.of("20.61.10.5"));
  }

  @Test
  void theSourceOptionMovesWhereAClientsFlowIsRefused() {
    // 8.5 / A4.24: by default app-v2's policy (naming the clients) refuses AGC's address; were AGC a transparent
    // proxy, the client's Internet address would meet the association subnet's outbound NSG first, whose
    // AllowVnetOutBound does not admit an Internet source
    // (transient health: AGC's own probe of app-v2 is refused by the same policy, which moves the answer to AGC's
    // 503, see aProbeTheNetworkPolicyRefusesTakesTheEndpointOutAndAgcAnswers503)
    Verdict byDefault = check(loadTransient("agc-association-subnet", GatewayOptions.defaults()), "203.0.113.7",
        "/v2");
    assertThat(byDefault.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(byDefault.paths().get(0).drop().orElseThrow().kind()).isEqualTo(AksHopKind.NETWORK_POLICY);
    GatewayOptions transparent = GatewayOptions.defaults().withAgcBackendSourceIsAssociationSubnet(false);
    Verdict kept = check(loadTransient("agc-association-subnet", transparent), "203.0.113.7", "/v2");
    assertThat(kept.kind()).isEqualTo(Verdict.Kind.NEVER);
    PathResult p = kept.paths().get(0);
    assertThat(p.drop().orElseThrow().kind()).isEqualTo(io.github.aksreach.nsg.eval.NsgHopKind.NSG);
    assertThat(p.drop().orElseThrow().label()).contains("nsg-alb");
    assertThat(p.drop().orElseThrow().rule().orElseThrow().toString()).contains("DenyAllOutBound");
    assertThat(p.hops().get(p.hops().size() - 1).seen(Flow.tcp("203.0.113.7:50000", "20.61.10.5:80")).srcIp())
        .isEqualTo(IpAddress.of("203.0.113.7"));
  }

  @Test
  void theNsgDestinationOptionDecidesWhetherVnetClientsPassAllowVnetInBound() {
    // 8.5 / S5.16: to the public frontend AllowVnetInBound does not match; to the proxy's VNet address it does
    assertThat(check(load("agc-association-subnet", GatewayOptions.defaults()), "10.10.9.4", API).kind())
        .isEqualTo(Verdict.Kind.NEVER);
    GatewayOptions proxy = GatewayOptions.defaults().withAgcNsgDestination(GatewayOptions.AgcNsgDestination.PROXY);
    Verdict v = check(load("agc-association-subnet", proxy), "10.10.9.4", API);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALWAYS);
    Hop nsg = v.paths().get(0).hops().stream().filter(h -> h.label().contains("nsg-alb")).findFirst().orElseThrow();
    assertThat(nsg.rule().orElseThrow().toString()).contains("AllowVnetInBound");
  }

  @Test
  void anUnwiredGatewayDropsAtTheFrontendNamingWhy() {
    AksReachability a = load("agc-unwired-missing-alb", GatewayOptions.defaults());
    assertThat(a.network().agcGateways().get(0).wired()).isFalse();
    Verdict v = check(a, "203.0.113.7", API);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(v.paths().get(0).drop().orElseThrow().reason()).contains("alb-infra/alb-test").contains("not in the dump");
    assertThat(a.network().scenario().notes()).extracting(ModelError::message)
        .anyMatch(m -> m.contains("kubenet: AGC does not support it"));
  }

  @Test
  void theApplicationLoadBalancerLoaderNamesFileAndPath() {
    String noAssoc = "apiVersion: alb.networking.azure.io/v1\nkind: ApplicationLoadBalancer\nmetadata:\n  name: a\n"
        + "  namespace: alb\nspec: {}\n";
    assertThat(errors("alb.yaml", noAssoc)).anyMatch(e -> e.file().equals("alb.yaml")
        && e.path().equals("spec.associations") && e.message().contains("at least one association"));
    String v2 = noAssoc.replace("/v1", "/v2");
    assertThat(errors("alb.yaml", v2)).anyMatch(e -> e.path().equals("apiVersion")
        && e.message().contains("aksreach reads alb.networking.azure.io/v1"));
    String other = "apiVersion: alb.networking.azure.io/v1\nkind: HealthCheckPolicy\nmetadata:\n  name: h\n"
        + "  namespace: alb\nspec:\n  targetRef: {group: \"\", kind: Service, name: web}\n  default: {}\n";
    KubernetesCluster c = KubernetesLoader.create().loadString("hc.yaml", other).get().value();
    assertThat(c.applicationLoadBalancers()).isEmpty();
    assertThat(c.healthCheckPolicies()).singleElement().satisfies(h -> assertThat(h.serviceKey()).isEqualTo("alb/web"));
  }

  /**
   * The WebApplicationFirewallPolicy is skipped with a WARNING that says WAF verdicts are not modelled (its rules live
   * in the Azure WAF policy no kubectl dump carries); the HealthCheckPolicy is read; another ALB kind, or
   * HealthCheckPolicy in another group, is an INFO skip.
   */
  @Test
  void theWafPolicyIsAWarningThatSaysWhatIsMissingAndTheHealthCheckPolicyIsRead() {
    String doc = "apiVersion: alb.networking.azure.io/v1\nkind: HealthCheckPolicy\nmetadata: {name: h, namespace: a}\n"
        + "spec: {targetRef: {group: \"\", kind: Service, name: web}, default: {port: 8081}}\n---\n"
        + "apiVersion: alb.networking.azure.io/v1\nkind: WebApplicationFirewallPolicy\nmetadata: {name: w, namespace: a}"
        + "\nspec: {targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: gw}}\n---\n"
        + "apiVersion: alb.networking.azure.io/v1\nkind: RoutePolicy\nmetadata: {name: r, namespace: a}\nspec: {}\n---\n"
        + "apiVersion: networking.gke.io/v1\nkind: HealthCheckPolicy\nmetadata: {name: g, namespace: a}\nspec: {}\n";
    var loaded = KubernetesLoader.create().loadString("alb.yaml", doc).get();
    assertThat(loaded.warnings()).hasSize(1);
    assertThat(loaded.warnings().get(0).message()).startsWith("skipped WebApplicationFirewallPolicy a/w: ")
        .contains("WAF verdicts are not modelled").contains("403");
    assertThat(loaded.warnings().get(0).file()).isEqualTo("alb.yaml");
    assertThat(loaded.warnings().get(0).path()).isEqualTo("doc[1]");
    assertThat(loaded.value().healthCheckPolicies()).singleElement()
        .satisfies(h -> assertThat(h.port()).hasValue(8081));
    assertThat(loaded.notes()).filteredOn(n -> n.severity() == io.github.aksreach.k8s.load.LoadNote.Severity.INFO)
        .extracting(io.github.aksreach.k8s.load.LoadNote::message)
        .anyMatch(m -> m.startsWith("skipped RoutePolicy a/r"))
        .anyMatch(m -> m.startsWith("skipped HealthCheckPolicy a/g"));
  }

  /** The model holds the reader's rule too: AgcGateway takes the first association, so there is one. */
  @Test
  void anApplicationLoadBalancerWithoutAssociationsIsNotAModel() {
    assertThatThrownBy(() -> ApplicationLoadBalancer.builder().namespace("alb").name("a").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("alb/a needs at least one association");
  }

  @Test
  void scenarioYamlAgcFrontendsAreCheckedKeyByKey() {
    var both = ScenarioConfigLoader.parse("scenario.yaml", "network:\n  agcFrontends:\n    - gateway: a/b\n"
        + "      fqdn: x.alb.azure.com\n      addresses: [20.1.1.1]\n");
    assertThat(both.getError()).anyMatch(e -> e.path().equals("network.agcFrontends[0]")
        && e.message().contains("exactly one"));
    var noAddr = ScenarioConfigLoader.parse("scenario.yaml", "network:\n  agcFrontends:\n    - gateway: a/b\n");
    assertThat(noAddr.getError()).anyMatch(e -> e.path().equals("network.agcFrontends[0].addresses"));
    var ok = ScenarioConfigLoader.parse("scenario.yaml", "network:\n  agcFrontends:\n    - fqdn: x.alb.azure.com\n"
        + "      addresses: [20.1.1.1]\n");
    assertThat(ok.get().value().agcFrontends()).singleElement()
        .satisfies(f -> assertThat(f.addresses()).containsExactly(IpAddress.of("20.1.1.1")));
  }

  /**
   * One rule for an association subnet id, in the ApplicationLoadBalancer and in {@code scenario.yaml}: each value is
   * accepted by both or refused by both, with the same words (the scenario.yaml check used to accept any text holding
   * {@code /subnets/} after {@code /subscriptions/}).
   */
  @Test
  void anAssociationIdIsOneRuleInTheCrAndInScenarioYaml() {
    String good = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/agc";
    List<String> values = List.of(good, good.toUpperCase(java.util.Locale.ROOT), good + "/", " " + good,
        "/subscriptions/s/subnets/agc", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
            + "virtualNetworks/v", good + "/extra", "subnets/agc", "/subscriptions/s/resourceGroups/rg/providers/"
            + "Microsoft.Network/networkSecurityGroups/n/subnets/agc");
    int accepted = 0;
    for (String v : values) {
      String cr = "apiVersion: alb.networking.azure.io/v1\nkind: ApplicationLoadBalancer\nmetadata:\n  name: a\n"
          + "  namespace: alb\nspec:\n  associations: ['" + v + "']\n";
      var k8s = KubernetesLoader.create().loadString("alb.yaml", cr);
      var yaml = ScenarioConfigLoader.parse("scenario.yaml", "network:\n  agcFrontends:\n    - fqdn: x.alb.azure.com\n"
          + "      addresses: [20.1.1.1]\n      association: '" + v + "'\n");
      assertThat(yaml.isValid()).as(v).isEqualTo(k8s.isValid());
      if (k8s.isValid()) {
        accepted++;
        assertThat(yaml.get().value().agcFrontends().get(0).association()).as(v)
            .contains(k8s.get().value().applicationLoadBalancers().get(0).associations().get(0));
      } else {
        // the same words; the Kubernetes loader appends the object it refuses, "(ApplicationLoadBalancer alb/a)"
        String crMessage = k8s.getError().head().message();
        assertThat(crMessage).as(v).endsWith("(ApplicationLoadBalancer alb/a)");
        assertThat(yaml.getError()).as(v).anyMatch(e -> e.path().equals("network.agcFrontends[0].association")
            && crMessage.equals(e.message() + " (ApplicationLoadBalancer alb/a)"));
      }
    }
    assertThat(accepted).isEqualTo(4);
  }

  private static List<ModelError> errors(String file, String text) {
    return KubernetesLoader.create().loadString(file, text).getError().asJava();
  }
}
