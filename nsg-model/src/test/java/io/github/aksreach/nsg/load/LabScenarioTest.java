package io.github.aksreach.nsg.load;

import static io.github.aksreach.nsg.NsgAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesAnalyzer;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesQuery;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesResult;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.EvalOptions;
import io.github.aksreach.nsg.eval.NsgClassifiers;
import io.github.aksreach.nsg.eval.NsgEvaluator;
import io.github.aksreach.nsg.eval.NsgHopKey;
import io.github.aksreach.nsg.eval.NsgHopKind;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The article's lab, step 3 (restrictive subnet NSGs), as az CLI dumps. */
class LabScenarioTest {
  static LoadResult result;
  static AzureNetwork net;

  static Path labAzure(String step) {
    for (Path base : List.of(Path.of("../examples/src/main/resources/lab"),
        Path.of("examples/src/main/resources/lab"))) {
      if (Files.isDirectory(base.resolve(step))) {
        return base.resolve(step).resolve("azure");
      }
    }
    throw new IllegalStateException("lab data not found");
  }

  @BeforeAll
  static void load() {
    result = AzureLoader.loadDirectory(labAzure("step3-cluster-nsgs"));
    net = result.orThrow();
  }

  @Test
  void loadsEveryDumpOfTheStep() {
    assertThat(result).isValid().hasNote("load-balancer backend pools are referenced but their load balancer was"
        + " not loaded");
    assertThat(result.inventory().files()).isEqualTo(5);
    assertThat(net.vnets()).extracting(VirtualNetwork::name).containsExactly("vnet-aks-lab");
    assertThat(net.nsgs()).extracting(NetworkSecurityGroup::name).containsExactlyInAnyOrder(
        "aks-agentpool-41831646-nsg", "nsg-system", "nsg-ingress", "nsg-user");
    assertThat(net.nics()).hasSize(4);
    assertThat(net.routeTables()).hasSize(1);
  }

  @Test
  void subnetNsgsAreTheRestrictiveOnes() {
    VirtualNetwork vnet = net.vnets().get(0);
    assertThat(vnet.subnets()).extracting(Subnet::name).containsExactly("system", "ingress", "user", "vm");
    assertThat(vnet.subnet("user").orElseThrow().nsgId().orElseThrow().name()).isEqualTo("nsg-user");
    assertThat(vnet.subnet("ingress").orElseThrow().prefixes()).containsExactly(IpPrefix.of("192.168.0.16/28"));
    assertThat(vnet.subnet("vm").orElseThrow().nsgId()).isEmpty();
    assertThat(vnet.subnet("system").orElseThrow().routeTableId().orElseThrow().name())
        .isEqualTo("aks-agentpool-41831646-routetable");
    NetworkSecurityGroup ingress = net.nsgByName("nsg-ingress").orElseThrow();
    assertThat(ingress.rules(Direction.INBOUND)).extracting(SecurityRule::display).containsExactly(
        "AllowClientToLb (100)", "AllowAzureLoadBalancer (200)", "AllowPodTraffic (300)", "DenyAllCustom (4000)",
        "AllowVnetInBound (65000)", "AllowAzureLoadBalancerInBound (65001)", "DenyAllInBound (65500)");
    NetworkSecurityGroup cluster = net.nsgByName("aks-agentpool-41831646-nsg").orElseThrow();
    assertThat(cluster.customRules()).isEmpty();
    assertThat(net.nicsUsing(cluster)).hasSize(3);
  }

  @Test
  void lookupsFindSubnetsNicsAndTheNsgPath() {
    assertThat(net.subnetContaining(IpAddress.of("192.168.0.22")).orElseThrow().name()).isEqualTo("ingress");
    assertThat(net.subnetContaining(IpAddress.of("10.1.1.1"))).isEmpty();
    NetworkInterface user = net.nicByIp(IpAddress.of("192.168.0.36")).orElseThrow();
    assertThat(user.name()).isEqualTo("aks-user-28786594-vmss");
    assertThat(user.enableIpForwarding()).isTrue();
    NsgPath path = net.nsgsOnPath(user);
    assertThat(path.subnet().orElseThrow().name()).isEqualTo("user");
    assertThat(path.inOrder(Direction.INBOUND)).extracting(a -> a.position() + " " + a.nsg().name())
        .containsExactly("SUBNET nsg-user", "NIC aks-agentpool-41831646-nsg");
    assertThat(path.inOrder(Direction.OUTBOUND)).extracting(a -> a.position() + " " + a.nsg().name())
        .containsExactly("NIC aks-agentpool-41831646-nsg", "SUBNET nsg-user");
    NetworkInterface client = net.nicByIp(IpAddress.of("192.168.1.4")).orElseThrow();
    assertThat(net.nsgsOnPath(client).isEmpty()).isTrue();
  }

  @Test
  void virtualNetworkTagIncludesPodRoutesAndTheHostAddress() {
    AddressResolver r = AddressResolver.forVnet(net, net.vnets().get(0));
    assertThat(r.virtualNetwork()).isEqualTo(IpSet.parse(
        "192.168.0.0/16, 10.244.0.0/24, 10.244.1.0/24, 10.244.2.0/24, 168.63.129.16").get());
    assertThat(r.resolveOrThrow(io.github.aksreach.nsg.model.AddressSpec.tag("Internet"))
        .contains(IpAddress.of("8.8.8.8"))).isTrue();
    assertThat(r.resolveOrThrow(io.github.aksreach.nsg.model.AddressSpec.tag("azureloadbalancer")))
        .isEqualTo(ServiceTagCatalog.AZURE_LOAD_BALANCER);
  }

  @Test
  void theArticlesFlowsGetTheArticlesNsgVerdicts() {
    NsgEvaluator eval = NsgEvaluator.of(net);
    NetworkInterface ingressNode = net.nicByIp(IpAddress.of("192.168.0.20")).orElseThrow();
    NetworkInterface userNode = net.nicByIp(IpAddress.of("192.168.0.36")).orElseThrow();
    Flow client = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80");   // floating IP: dst stays the frontend
    assertThat(eval.evaluate(ingressNode, Direction.INBOUND, client))
        .isAllowedBy("aks-agentpool-41831646-nsg", "AllowVnetInBound", 65000);
    assertThat(eval.evaluate(ingressNode, Direction.INBOUND, client).decisions().get(0).ruleName())
        .isEqualTo("AllowClientToLb");
    assertThat(eval.evaluate(userNode, Direction.INBOUND, client))
        .isDeniedBy("nsg-user", "DenyAllCustom", 4000).at(NsgPosition.SUBNET);
    // the LB's own probe passes everywhere
    Flow probe = Flow.tcp("168.63.129.16:60000", "192.168.0.36:31880");
    assertThat(eval.evaluate(userNode, Direction.INBOUND, probe)).isAllowed();
    assertThat(eval.evaluate(userNode, Direction.INBOUND, probe).decisions().get(0).ruleName())
        .isEqualTo("AllowAzureLoadBalancer");
    // kube-proxy on the system node forwards the probe to the NGINX pod with the node IP as source: denied
    Flow forwardedProbe = Flow.tcp("192.168.0.4:41000", "10.244.2.2:80");
    assertThat(eval.evaluate(ingressNode, Direction.INBOUND, forwardedProbe))
        .isDeniedBy("nsg-ingress", "DenyAllCustom", 4000).at(NsgPosition.SUBNET);
    // ... while pod-sourced traffic is allowed
    assertThat(eval.evaluate(ingressNode, Direction.INBOUND, Flow.tcp("10.244.1.5:41000", "10.244.2.2:80")))
        .isAllowed();
    // the client VM has no NSG at all: allowed, unless secure by default
    NetworkInterface clientNic = net.nicByIp(IpAddress.of("192.168.1.4")).orElseThrow();
    Flow toClient = Flow.tcp("192.168.0.20:80", "192.168.1.4:50326");
    assertThat(eval.evaluate(clientNic, Direction.INBOUND, toClient)).isAllowed();
    assertThat(NsgEvaluator.of(net, EvalOptions.builder().secureByDefault(true).build())
        .evaluate(clientNic, Direction.INBOUND, toClient).allowed()).isFalse();
    // the linear reference agrees
    assertThat(eval.linear().evaluate(userNode, Direction.INBOUND, client))
        .isEqualTo(eval.evaluate(userNode, Direction.INBOUND, client));
  }

  @Test
  void theClassifierFactoryNamesRuleAndPriority() {
    NetworkSecurityGroup user = net.nsgByName("nsg-user").orElseThrow();
    AddressResolver r = AddressResolver.forVnet(net, net.vnets().get(0));
    ElementKey next = ElementKey.named("node-a/nic-nsg/in");
    Classifier c = NsgClassifiers.forNsg(user, Direction.INBOUND, r, ElementKey.named("node-a/subnet-nsg/in"),
        NsgOrigin.of(user, NsgPosition.SUBNET, net.vnets().get(0).subnets().stream().filter(s -> s.name().equals("user")).findFirst(), Direction.INBOUND), next);
    assertThat(c.kind()).isEqualTo(NsgHopKind.NSG);
    assertThat(c.origin().label()).isEqualTo("nsg-user (subnet user)");
    int i = c.decide(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80"));
    assertThat(c.rules().get(i).ref()).isEqualTo(RuleRef.of("DenyAllCustom", 4000));
    assertThat(c.outcome(i)).isEqualTo(Outcome.drop(NsgHopKind.NSG, "denied by nsg-user rule DenyAllCustom (4000)")
        .bypassingTo(next));
    int j = c.decide(Flow.tcp("10.244.0.9:1234", "10.244.1.5:8080"));
    assertThat(c.outcome(j)).isEqualTo(Outcome.next(next, "allowed by nsg-user rule AllowPodTraffic (300)"));
    List<Classifier> chain = NsgClassifiers.forPath(net.nsgsOnPath(net.nicByIp(IpAddress.of("192.168.0.36"))
        .orElseThrow()), Direction.INBOUND, r, ElementKey.named("user-node"),
        ElementKey.named("user-node/kube-proxy"), EvalOptions.defaults());
    assertThat(chain).extracting(Classifier::key).containsExactly(
        new NsgHopKey(ElementKey.named("user-node"), Optional.of(NsgPosition.SUBNET), Direction.INBOUND),
        new NsgHopKey(ElementKey.named("user-node"), Optional.of(NsgPosition.NIC), Direction.INBOUND));
    assertThat(chain).extracting(k -> k.origin().label()).containsExactly("nsg-user (subnet user)",
        "aks-agentpool-41831646-nsg (NIC)");
    NsgOrigin nic = (NsgOrigin) chain.get(1).origin();
    assertThat(nic.nsgName()).hasValue("aks-agentpool-41831646-nsg");
    assertThat(nic.attachment()).hasValue(NsgPosition.NIC);
    assertThat(nic.direction()).isEqualTo(Direction.INBOUND);
  }

  @Test
  void customDenyAllMakesTheDefaultRulesDeadButNoCustomRule() {
    ShadowedRulesResult custom = ShadowedRulesAnalyzer.analyze(net, ShadowedRulesQuery.defaults());
    assertThat(custom.rows()).isEmpty();
    ShadowedRulesResult all = ShadowedRulesAnalyzer.analyze(net, ShadowedRulesQuery.builder()
        .includeDefaultRules(true).addNsgNames("nsg-user").build());
    assertThat(all.rows()).extracting(row -> row.rule().name()).containsExactly("AllowVnetInBound",
        "AllowAzureLoadBalancerInBound", "DenyAllInBound");
    ShadowedRulesResult.Row vnetIn = all.rows().get(0);
    assertThat(vnetIn.shadowedBy()).extracting(SecurityRule::name).containsExactly("DenyAllCustom");
    assertThat(vnetIn.conflicting()).isTrue();
    assertThat(all.rows().get(2).conflicting()).isFalse();
  }

  @Test
  void theAksRecordKeepsTheNetworkProfile() {
    AksCluster aks = result.cluster().orElseThrow();
    assertThat(aks.name()).isEqualTo("aks-lab");
    assertThat(aks.networkPlugin()).hasValue("kubenet");
    assertThat(aks.networkPolicy()).isEmpty();
    assertThat(aks.podCidrs()).containsExactly(IpPrefix.of("10.244.0.0/16"));
    assertThat(aks.serviceCidrs()).containsExactly(IpPrefix.of("10.0.0.0/16"));
    assertThat(aks.loadBalancerSku()).hasValue(io.github.aksreach.nsg.model.LbSku.STANDARD);
    assertThat(aks.kubernetesVersion()).isPresent();
    assertThat(aks.agentPools()).extracting(p -> p.name() + " " + p.vnetSubnetId().orElseThrow().name())
        .containsExactly("nodepool1 system", "ingress ingress", "user user");
  }

  @Test
  void everyLabStepLoads() throws Exception {
    Path lab = labAzure("step3-cluster-nsgs").getParent().getParent();
    try (var dirs = Files.list(lab)) {
      for (Path step : dirs.filter(Files::isDirectory).toList()) {
        LoadResult r = AzureLoader.loadDirectory(step.resolve("azure"));
        assertThat(r).as(step.toString()).isValid();
      }
    }
  }
}
