package io.github.aksreach.k8s.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesClusterTest {
  private static Pod pod(String name, String ip, String node, boolean ready) {
    return Pod.builder().namespace("default").name(name).putLabels("app", "web").nodeName(node)
        .addPodIps(IpAddress.of(ip)).ready(ready)
        .addContainers(Container.builder().name("c").addPorts(ContainerPort.of("http", 8080, Protocol.TCP)).build())
        .build();
  }

  private static final Service WEB = Service.builder().namespace("default").name("web")
      .addPorts(ServicePort.builder().name("http").port(80).targetPort(PortRef.name("http")).build())
      .putSelector("app", "web").addClusterIps(IpAddress.of("10.0.0.10")).build();

  private static KubernetesCluster cluster(Pod... pods) {
    return KubernetesCluster.builder()
        .addNodes(Node.builder().name("n1").addInternalIps(IpAddress.of("192.168.0.4"))
            .addPodCidrs(IpPrefix.of("10.244.0.0/24")).build())
        .addNodes(Node.builder().name("n2").addInternalIps(IpAddress.of("192.168.0.5")).build())
        .addPods(pods).addServices(WEB).build();
  }

  @Test
  void lookupsByNameAddressAndNode() {
    KubernetesCluster c = cluster(pod("a", "10.244.0.5", "n1", true), pod("b", "10.244.0.6", "n2", true));
    assertThat(c.node("n1")).isPresent();
    assertThat(c.nodeByIp(IpAddress.of("192.168.0.5")).map(Node::name)).contains("n2");
    assertThat(c.nodeByPodCidr(IpAddress.of("10.244.0.9")).map(Node::name)).contains("n1");
    assertThat(c.podsOnNode("n1")).extracting(Pod::name).containsExactly("a");
    assertThat(c.podByIp(IpAddress.of("10.244.0.6")).map(Pod::name)).contains("b");
    assertThat(c.pod("default", "a")).isPresent();
    assertThat(c.podsSelectedBy("default", LabelSelector.ofLabels(Map.of("app", "web")))).hasSize(2);
    assertThat(c.namespaceLabels("default")).isEqualTo(Map.of(Namespace.NAME_LABEL, "default"));
    assertThat(c.servicesByClusterIp(IpAddress.of("10.0.0.10"))).containsExactly(WEB);
  }

  @Test
  void podByIpIgnoresHostNetworkAndFinishedPods() {
    Pod host = pod("h", "192.168.0.4", "n1", true).withHostNetwork(true);
    Pod done = pod("d", "10.244.0.7", "n1", true).withPhase(PodPhase.SUCCEEDED);
    Pod reused = pod("r", "10.244.0.7", "n1", true);
    KubernetesCluster c = cluster(host, done, reused);
    assertThat(c.podByIp(IpAddress.of("192.168.0.4"))).isEmpty();
    assertThat(c.podByIp(IpAddress.of("10.244.0.7")).map(Pod::name)).contains("r");
  }

  @Test
  void endpointsFromSelectorResolveNamedTargetPortsPerPod() {
    Pod a = pod("a", "10.244.0.5", "n1", true);
    Pod notReady = pod("b", "10.244.0.6", "n2", false);
    Pod terminating = pod("t", "10.244.0.8", "n2", true).withTerminating(true);
    Pod noNamedPort = pod("x", "10.244.0.9", "n2", true).withContainers(Container.builder().name("c").build());
    KubernetesCluster c = cluster(a, notReady, terminating, noNamedPort);
    List<ServiceEndpoint> eps = c.endpointsOf(WEB, WEB.ports().get(0));
    assertThat(eps).extracting(e -> e.address().toString())
        .containsExactly("10.244.0.5", "10.244.0.6", "10.244.0.8");
    assertThat(eps).allMatch(e -> e.port() == 8080 && e.source() == ServiceEndpoint.Source.POD_SELECTOR);
    assertThat(eps.get(0).ready()).isTrue();
    assertThat(eps.get(1).ready()).isFalse();
    assertThat(eps.get(1).serving()).isFalse();
    assertThat(eps.get(2).ready()).as("terminating is not ready").isFalse();
    assertThat(eps.get(2).serving()).isTrue();
    assertThat(eps.get(2).terminating()).isTrue();
    assertThat(eps.get(0).nodeName()).contains("n1");
    List<ServiceEndpoint> published = c.withServices(WEB.withPublishNotReadyAddresses(true))
        .endpointsOf(WEB.withPublishNotReadyAddresses(true), WEB.ports().get(0));
    assertThat(published).allMatch(ServiceEndpoint::ready);
  }

  @Test
  void endpointSlicesWinOverPodsAndUseTheFirstAddress() {
    EndpointSlice slice = EndpointSlice.builder().namespace("default").name("web-abc").serviceName("web")
        .addEndpoints(SliceEndpoint.builder().addAddresses(IpAddress.of("10.244.0.50"), IpAddress.of("10.244.0.51"))
            .nodeName("n1").terminating(true).ready(false).build())
        .addPorts(EndpointPort.builder().name("http").port(9090).build())
        .addPorts(EndpointPort.builder().name("other").port(1).build())
        .build();
    KubernetesCluster c = cluster(pod("a", "10.244.0.5", "n1", true)).withEndpointSlices(slice);
    List<ServiceEndpoint> eps = c.endpointsOf(WEB, WEB.ports().get(0));
    assertThat(eps).hasSize(1);
    assertThat(eps.get(0).address()).isEqualTo(IpAddress.of("10.244.0.50"));
    assertThat(eps.get(0).port()).isEqualTo(9090);
    assertThat(eps.get(0).terminating()).isTrue();
    assertThat(eps.get(0).serving()).isTrue();
  }

  @Test
  void legacyEndpointsAreUsedWhenNoSliceExists() {
    EndpointSlice legacy = EndpointSlice.builder().namespace("default").name("web-subset0").serviceName("web")
        .fromLegacyEndpoints(true)
        .addEndpoints(SliceEndpoint.builder().addAddresses(IpAddress.of("10.244.0.60")).build())
        .addPorts(EndpointPort.builder().name("http").port(8080).build()).build();
    KubernetesCluster c = cluster().withEndpointSlices(legacy);
    assertThat(c.endpointsOf(WEB, WEB.ports().get(0))).singleElement()
        .matches(e -> e.source() == ServiceEndpoint.Source.ENDPOINTS);
  }
}
