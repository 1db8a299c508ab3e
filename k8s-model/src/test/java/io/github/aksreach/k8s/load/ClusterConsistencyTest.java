package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cross-object rules a built cluster is held to, as the loader holds a dump to them. */
class ClusterConsistencyTest {
  private static ApplicationLoadBalancer alb(String file) {
    return ApplicationLoadBalancer.builder().namespace("alb").name("alb-test")
        .addAssociations(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
            + "virtualNetworks/vnet/subnets/subnet-alb"))
        .provenance(new Provenance(file, "items[0]")).build();
  }

  /** Every kind the loader reads is one per namespace and name: the AGC ApplicationLoadBalancer too. */
  @Test
  void aSecondApplicationLoadBalancerOfTheSameNameIsRefused() {
    KubernetesCluster two = KubernetesCluster.empty().withApplicationLoadBalancers(List.of(alb("a.yaml"),
        alb("b.yaml")));
    assertThat(ClusterConsistency.errors(two)).map(ModelError::toString).containsExactly("b.yaml: items[0]: "
        + "ApplicationLoadBalancer alb/alb-test is defined twice (first in a.yaml: items[0]): keep one of them");
    KubernetesCluster one = KubernetesCluster.empty().withApplicationLoadBalancers(List.of(alb("a.yaml")));
    assertThat(ClusterConsistency.errors(one)).isEmpty();
  }
}
