package io.github.aksreach.k8s.netpol;

import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.core.solver.ElementKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.IpBlock;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.PortRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One example per point of DOMAIN 6. */
class NetworkPolicyEvaluatorTest {
  private static final IpAddress OUTSIDE = IpAddress.of("192.168.1.4");

  private static Pod pod(String ns, String name, String ip, String node, Map<String, String> labels) {
    return Pod.builder().namespace(ns).name(name).putAllLabels(labels).nodeName(node)
        .hostIp(IpAddress.of(node.equals("n1") ? "10.0.0.1" : "10.0.0.2"))
        .addPodIps(IpAddress.of(ip))
        .addContainers(Container.builder().name("c").addPorts(ContainerPort.of("http", 8080, Protocol.TCP)).build())
        .build();
  }

  private static final Pod DB = pod("prod", "db", "10.244.1.10", "n1", Map.of("app", "db"));
  private static final Pod WEB = pod("prod", "web", "10.244.2.10", "n2", Map.of("app", "web"));
  private static final Pod OTHER = pod("dev", "web", "10.244.2.11", "n2", Map.of("app", "web"));

  private static KubernetesCluster cluster(NetworkPolicy... policies) {
    return KubernetesCluster.builder()
        .addNodes(Node.builder().name("n1").addInternalIps(IpAddress.of("10.0.0.1"))
            .addPodCidrs(IpPrefix.of("10.244.1.0/24")).build())
        .addNodes(Node.builder().name("n2").addInternalIps(IpAddress.of("10.0.0.2"))
            .addPodCidrs(IpPrefix.of("10.244.2.0/24")).build())
        .addNamespaces(Namespace.builder().name("prod").putLabels("env", "prod").build())
        .addNamespaces(Namespace.builder().name("dev").putLabels("env", "dev").build())
        .addPods(DB, WEB, OTHER)
        .addNetworkPolicies(policies)
        .build();
  }

  private static NetworkPolicy.Builder policy(String name) {
    return NetworkPolicy.builder().namespace("prod").name(name)
        .podSelector(LabelSelector.ofLabels(Map.of("app", "db")));
  }

  private static NetworkPolicyRule from(NetworkPolicyPeer... peers) {
    return NetworkPolicyRule.builder().addPeers(peers).build();
  }

  private static LabelSelector app(String a) {
    return LabelSelector.ofLabels(Map.of("app", a));
  }

  private static boolean in(KubernetesCluster c, IpAddress src, Pod dst, int port) {
    return NetworkPolicyEvaluator.allowsIngress(c, src, dst, Protocol.TCP, port);
  }

  @Test
  void withoutPolicyEverythingIsAllowed() {
    assertThat(in(cluster(), OUTSIDE, DB, 5432)).isTrue();
    NetworkPolicyDecision d = NetworkPolicyEvaluator.decideIngress(cluster(), OUTSIDE, DB, Protocol.TCP, 5432,
        NetworkPolicyOptions.defaults());
    assertThat(d.reason()).contains("not isolated for ingress");
    assertThat(d.isolatedBy()).isEmpty();
  }

  @Test
  void isolationIsPerDirection() {
    KubernetesCluster c = cluster(policy("deny-in").build());
    assertThat(in(c, WEB.podIps().get(0), DB, 5432)).isFalse();
    assertThat(NetworkPolicyEvaluator.allowsEgress(c, DB, OUTSIDE, Protocol.TCP, 443)).as("egress not isolated")
        .isTrue();
    KubernetesCluster e = cluster(policy("deny-out").addDeclaredPolicyTypes(PolicyType.EGRESS).build());
    assertThat(NetworkPolicyEvaluator.allowsEgress(e, DB, OUTSIDE, Protocol.TCP, 443)).isFalse();
    assertThat(in(e, OUTSIDE, DB, 5432)).as("ingress not isolated").isTrue();
  }

  @Test
  void policiesUnite() {
    KubernetesCluster c = cluster(
        policy("a").addIngress(from(NetworkPolicyPeer.ofPods(app("web")))).build(),
        policy("b").addIngress(from(NetworkPolicyPeer.ofIpBlock(IpBlock.builder()
            .cidr(IpPrefix.of("192.168.1.0/24")).build()))).build());
    assertThat(in(c, WEB.podIps().get(0), DB, 5432)).isTrue();
    assertThat(in(c, OUTSIDE, DB, 5432)).isTrue();
    assertThat(in(c, IpAddress.of("8.8.8.8"), DB, 5432)).isFalse();
    NetworkPolicyDecision d = NetworkPolicyEvaluator.decideIngress(c, IpAddress.of("8.8.8.8"), DB, Protocol.TCP,
        5432, NetworkPolicyOptions.defaults());
    assertThat(d.reason()).contains("[prod/a, prod/b]");
  }

  @Test
  void podSelectorIsTheNamespaceOfThePolicyNamespaceSelectorAllAndBothAreAnded() {
    KubernetesCluster sameNs = cluster(policy("p").addIngress(from(NetworkPolicyPeer.ofPods(app("web")))).build());
    assertThat(in(sameNs, WEB.podIps().get(0), DB, 1)).isTrue();
    assertThat(in(sameNs, OTHER.podIps().get(0), DB, 1)).as("web in dev is not selected").isFalse();
    KubernetesCluster anyNs = cluster(policy("p").addIngress(from(NetworkPolicyPeer.builder()
        .namespaceSelector(LabelSelector.everything()).podSelector(app("web")).build())).build());
    assertThat(in(anyNs, OTHER.podIps().get(0), DB, 1)).isTrue();
    KubernetesCluster devAnd = cluster(policy("p").addIngress(from(NetworkPolicyPeer.builder()
        .namespaceSelector(LabelSelector.ofLabels(Map.of("env", "dev"))).podSelector(app("web")).build())).build());
    assertThat(in(devAnd, OTHER.podIps().get(0), DB, 1)).isTrue();
    assertThat(in(devAnd, WEB.podIps().get(0), DB, 1)).isFalse();
    KubernetesCluster devOr = cluster(policy("p").addIngress(from(
        NetworkPolicyPeer.ofNamespaces(LabelSelector.ofLabels(Map.of("env", "dev"))),
        NetworkPolicyPeer.ofPods(app("nothing")))).build());
    assertThat(in(devOr, OTHER.podIps().get(0), DB, 1)).isTrue();
    assertThat(in(devOr, WEB.podIps().get(0), DB, 1)).isFalse();
    KubernetesCluster byName = cluster(policy("p").addIngress(from(NetworkPolicyPeer.ofNamespaces(
        LabelSelector.ofLabels(Map.of(Namespace.NAME_LABEL, "dev"))))).build());
    assertThat(in(byName, OTHER.podIps().get(0), DB, 1)).isTrue();
  }

  @Test
  void ipBlockWithExceptMatchesAddressesIncludingPods() {
    KubernetesCluster c = cluster(policy("p").addIngress(from(NetworkPolicyPeer.ofIpBlock(IpBlock.builder()
        .cidr(IpPrefix.of("10.244.0.0/16")).addExcept(IpPrefix.of("10.244.2.11/32")).build()))).build());
    assertThat(in(c, WEB.podIps().get(0), DB, 1)).isTrue();
    assertThat(in(c, OTHER.podIps().get(0), DB, 1)).isFalse();
    assertThat(in(c, OUTSIDE, DB, 1)).isFalse();
  }

  @Test
  void portsNamedPortsAndEndPort() {
    KubernetesCluster named = cluster(policy("p").addIngress(NetworkPolicyRule.builder()
        .addPorts(NetworkPolicyPort.builder().port(PortRef.name("http")).build()).build()).build());
    assertThat(in(named, OUTSIDE, DB, 8080)).as("http is 8080 on the destination pod").isTrue();
    assertThat(in(named, OUTSIDE, DB, 80)).isFalse();
    assertThat(NetworkPolicyEvaluator.allowsIngress(named, OUTSIDE, DB, Protocol.UDP, 8080)).isFalse();
    KubernetesCluster range = cluster(policy("p").addIngress(NetworkPolicyRule.builder()
        .addPorts(NetworkPolicyPort.builder().port(PortRef.number(32000)).endPort(32768).build()).build()).build());
    assertThat(in(range, OUTSIDE, DB, 32000)).isTrue();
    assertThat(in(range, OUTSIDE, DB, 32768)).isTrue();
    assertThat(in(range, OUTSIDE, DB, 32769)).isFalse();
    KubernetesCluster udp = cluster(policy("p").addIngress(NetworkPolicyRule.builder()
        .addPorts(NetworkPolicyPort.builder().protocol(Protocol.UDP).build()).build()).build());
    assertThat(NetworkPolicyEvaluator.allowsIngress(udp, OUTSIDE, DB, Protocol.UDP, 53)).isTrue();
    assertThat(in(udp, OUTSIDE, DB, 53)).isFalse();
  }

  @Test
  void egressNamedPortsResolveOnTheDestinationPod() {
    KubernetesCluster c = cluster(policy("p").addDeclaredPolicyTypes(PolicyType.EGRESS)
        .addEgress(NetworkPolicyRule.builder().addPorts(NetworkPolicyPort.builder().port(PortRef.name("http"))
            .build()).build()).build());
    assertThat(NetworkPolicyEvaluator.allowsEgress(c, DB, WEB.podIps().get(0), Protocol.TCP, 8080)).isTrue();
    assertThat(NetworkPolicyEvaluator.allowsEgress(c, DB, OUTSIDE, Protocol.TCP, 8080))
        .as("an external address has no named ports").isFalse();
  }

  @Test
  void ownNodeSelfAndHostNetworkAreAlwaysAllowed() {
    KubernetesCluster c = cluster(policy("deny").build());
    assertThat(in(c, IpAddress.of("10.0.0.1"), DB, 1)).as("own node").isTrue();
    assertThat(in(c, IpAddress.of("10.244.1.1"), DB, 1)).as("own node's kubenet bridge").isTrue();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("10.244.1.1"), DB, Protocol.TCP, 1,
        NetworkPolicyOptions.builder().bridgeAddressIsNodeAddress(false).build())).isFalse();
    assertThat(in(c, IpAddress.of("10.0.0.2"), DB, 1)).as("another node").isFalse();
    assertThat(in(c, DB.podIps().get(0), DB, 1)).as("itself").isTrue();
    Pod host = DB.withHostNetwork(true);
    assertThat(NetworkPolicyEvaluator.decideIngress(c, OUTSIDE, host, Protocol.TCP, 1,
        NetworkPolicyOptions.defaults()).reason()).contains("host network");
  }

  @Test
  void hostNetworkPodsAreNodeTrafficForSelectors() {
    Pod hostWeb = pod("prod", "agent", "10.0.0.2", "n2", Map.of("app", "web")).withHostNetwork(true);
    KubernetesCluster c = cluster(policy("p").addIngress(from(NetworkPolicyPeer.ofPods(app("web")))).build())
        .withPods(DB, WEB, OTHER, hostWeb);
    assertThat(in(c, IpAddress.of("10.0.0.2"), DB, 1)).isFalse();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("10.0.0.2"), DB, Protocol.TCP, 1,
        NetworkPolicyOptions.builder().hostNetworkPodsMatchSelectors(true).build())).isTrue();
  }

  @Test
  void icmpAndPortlessRulesFollowTheOption() {
    KubernetesCluster c = cluster(policy("p").addIngress(NetworkPolicyRule.builder().build()).build());
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, OUTSIDE, DB, Protocol.ICMP, 0)).isTrue();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, OUTSIDE, DB, Protocol.ICMP, 0,
        NetworkPolicyOptions.builder().portlessRulesMatchOtherProtocols(false).build())).isFalse();
  }

  @Test
  void connectionNeedsEgressAndIngress() {
    KubernetesCluster c = cluster(
        policy("db-in").addIngress(from(NetworkPolicyPeer.ofPods(app("web")))).build(),
        NetworkPolicy.builder().namespace("prod").name("web-out").podSelector(app("web"))
            .addDeclaredPolicyTypes(PolicyType.EGRESS).build());
    assertThat(NetworkPolicyEvaluator.allowsConnection(c, WEB.podIps().get(0), DB.podIps().get(0), Protocol.TCP, 1))
        .isFalse();
    KubernetesCluster open = c.withNetworkPolicies(c.networkPolicies().get(0));
    assertThat(NetworkPolicyEvaluator.allowsConnection(open, WEB.podIps().get(0), DB.podIps().get(0), Protocol.TCP,
        1)).isTrue();
  }

  @Test
  void classifierNamesRulesAndIsolatingPolicies() {
    KubernetesCluster c = cluster(policy("a").addIngress(from(NetworkPolicyPeer.ofPods(app("web")))).build());
    Classifier in = NetworkPolicyClassifiers.ingress(c, DB, K("np-in"), K("pod"));
    assertThat(in.rules()).extracting(r -> r.ref().name()).containsExactly("self", "own node n1", "prod/a ingress[0]");
    int i = in.decide(Flow.tcp("10.244.2.10:1234", "10.244.1.10:5432"));
    assertThat(in.outcome(i)).isEqualTo(Outcome.next(K("pod"), "allowed by prod/a ingress[0]"));
    Outcome deny = in.outcome(in.decide(Flow.tcp("10.244.2.11:1234", "10.244.1.10:5432")));
    assertThat(deny).isInstanceOf(Outcome.Drop.class);
    Outcome.Drop d = (Outcome.Drop) deny;
    assertThat(d.kind()).isEqualTo(AksHopKind.NETWORK_POLICY);
    assertThat(d.reason()).contains("[prod/a]");
    assertThat(d.bypassTo()).contains(K("pod"));
    assertThat(NetworkPolicyClassifiers.ingress(c, WEB, K("x"), K("pod")).rules()).isEmpty();
  }

  @Test
  void realWorldPoliciesBehave() {
    KubernetesCluster k9s = TestFiles.loadRealWorld("k9s-networkpolicy-ipblock.json").get().value();
    Pod redis = Pod.builder().namespace("default").name("redis").putLabels("app", "nginx")
        .addPodIps(IpAddress.of("10.1.0.5")).build();
    Pod fredPod = Pod.builder().namespace("default").name("fred").putLabels("app", "fred")
        .addPodIps(IpAddress.of("10.1.0.6")).build();
    KubernetesCluster c = k9s.withPods(redis, fredPod)
        .withNamespaces(Namespace.builder().name("default").build(),
            Namespace.builder().name("blee").putLabels("app", "blee").build());
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("172.17.2.9"), redis, Protocol.TCP, 6379))
        .isTrue();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("172.17.3.9"), redis, Protocol.TCP, 6379))
        .as("except 172.17.3.0/24").isFalse();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("172.17.2.9"), redis, Protocol.TCP, 6380))
        .isFalse();
    assertThat(NetworkPolicyEvaluator.allowsIngress(c, IpAddress.of("10.1.0.6"), redis, Protocol.TCP, 6379))
        .as("podSelector app=fred").isTrue();
    assertThat(NetworkPolicyEvaluator.allowsEgress(c, redis, IpAddress.of("10.0.0.7"), Protocol.TCP, 5978)).isTrue();
    assertThat(NetworkPolicyEvaluator.allowsEgress(c, redis, IpAddress.of("10.0.1.7"), Protocol.TCP, 5978)).isFalse();

    String fixed = TestFiles.readRealWorld("aks-baseline-workload-ingress-netpol.yaml");
    KubernetesCluster base = KubernetesLoader.create().loadString("w.yaml", fixed).get().value();
    Pod app = Pod.builder().namespace("a0008").name("aspnetapp-1").putLabels("app.kubernetes.io/name", "aspnetapp")
        .addPodIps(IpAddress.of("10.240.0.50")).build();
    Pod traefik = Pod.builder().namespace("a0008").name("traefik-1")
        .putLabels("app.kubernetes.io/name", "traefik-ingress-ilb")
        .putLabels("app.kubernetes.io/instance", "traefik-ingress-ilb").addPodIps(IpAddress.of("10.240.0.60")).build();
    KubernetesCluster b = base.withPods(app, traefik);
    assertThat(NetworkPolicyEvaluator.allowsIngress(b, IpAddress.of("10.240.0.60"), app, Protocol.TCP, 8080))
        .isTrue();
    assertThat(NetworkPolicyEvaluator.allowsIngress(b, IpAddress.of("10.240.4.4"), app, Protocol.TCP, 8080))
        .as("the internal LB address is not a traefik pod").isFalse();
  }

  private static ElementKey K(String name) {
    return ElementKey.named(name);
  }
}
