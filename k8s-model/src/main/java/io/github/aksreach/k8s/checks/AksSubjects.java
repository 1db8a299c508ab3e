package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.SubjectTransformer;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import java.util.stream.Collectors;

/**
 * The items users' fluent checks talk about, taken from a {@link CheckContext}.
 *
 * <pre>{@code
 * Checks.all(AksSubjects.backends()).should(AksConditions.beUp());       // "load-balancer backends should be UP"
 * Checks.all(AksSubjects.loadBalancerServices()).that(...).should(...);
 * }</pre>
 */
public final class AksSubjects {
  private AksSubjects() {}

  /** Every load-balancer backend with its derived health (one per frontend, node and probe). */
  public static SubjectTransformer<CheckContext, BackendHealth> backends() {
    return SubjectTransformer.of("load-balancer backends", ctx -> ctx.analysis().health().backends());
  }

  /** Services of type LoadBalancer. */
  public static SubjectTransformer<CheckContext, Service> loadBalancerServices() {
    return SubjectTransformer.of("LoadBalancer Services", ctx -> ctx.scenario().kubernetes().services().stream()
        .filter(Service::isLoadBalancer).collect(Collectors.toList()));
  }

  public static SubjectTransformer<CheckContext, Node> nodes() {
    return SubjectTransformer.of("nodes", ctx -> ctx.scenario().kubernetes().nodes());
  }

  /** The intents of {@code scenario.yaml}. */
  public static SubjectTransformer<CheckContext, Intent> intents() {
    return SubjectTransformer.of("intents", ctx -> ctx.scenario().config().intents());
  }
}
