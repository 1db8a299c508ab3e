package io.github.aksreach.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.cluster.LoadOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model objects built in code go through the kubectl loader, each named after itself in every message. */
class Fabric8ScenarioTest {
  private static Service service(String name, int port) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("u-" + name)
        .endMetadata().withNewSpec().withType("ClusterIP").withClusterIP("10.0.0.10").addNewPort().withPort(port)
        .withProtocol("TCP").endPort().endSpec().build();
  }

  @Test
  void eachObjectIsATextNamedAfterIt() {
    List<KubernetesResource> objects = List.of(service("web", 80),
        new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build(),
        new ServiceBuilder().withNewSpec().endSpec().build());
    ScenarioSources s = Fabric8Scenario.of("objects", objects).orElseThrow();
    assertThat(s.name()).isEqualTo("objects");
    assertThat(s.kubernetes()).extracting(ScenarioSources.Text::name)
        .containsExactly("fabric8:Service/default/web", "fabric8:Node/node-1", "fabric8:Service#2");
    assertThat(s.kubernetes().get(0).text()).startsWith("{").contains("\"kind\":\"Service\"", "\"port\":80");
  }

  @Test
  void theLoadersValidationAppliesAndNamesTheObject() {
    Validated<Scenario> s = ScenarioLoader.load(Fabric8Scenario.of("x", List.of(service("web", 70000))).orElseThrow());
    assertThat(s.isInvalid()).isTrue();
    assertThat(s.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("fabric8:Service/default/web");
      assertThat(e.path()).contains("spec.ports[0].port");
      assertThat(e.toString()).contains("70000");
    });
  }

  @Test
  void skippingInvalidKeepsTheGoodObjectsAndNotesTheBadOne() {
    ScenarioSources in = Fabric8Scenario.of("x", List.of(service("web", 70000), service("api", 8080))).orElseThrow();
    Scenario s = ScenarioLoader.load(in, ReadLimits.defaults(), LoadOptions.skippingInvalid()).orElseThrow();
    assertThat(s.kubernetes().services()).extracting(svc -> svc.name()).containsExactly("api");
    assertThat(s.notes()).anySatisfy(n -> assertThat(n.file()).isEqualTo("fabric8:Service/default/web"));
  }

  @Test
  void aKindOutsideTheModelIsNotedNotLost() {
    GenericKubernetesResource vs = new GenericKubernetesResource();
    vs.setApiVersion("networking.istio.io/v1");
    vs.setKind("VirtualService");
    vs.setMetadata(new ObjectMetaBuilder().withName("reviews").withNamespace("default").build());
    vs.setAdditionalProperties(Map.of("spec", Map.of("hosts", List.of("reviews"))));
    Scenario s = ScenarioLoader.load(Fabric8Scenario.of("x", List.of(vs, service("web", 80))).orElseThrow())
        .orElseThrow();
    assertThat(s.notes()).anySatisfy(n -> {
      assertThat(n.file()).isEqualTo("fabric8:VirtualService/default/reviews");
      assertThat(n.message()).contains("skipped VirtualService");
    });
    assertThat(s.kubernetes().services()).hasSize(1);
  }
}
