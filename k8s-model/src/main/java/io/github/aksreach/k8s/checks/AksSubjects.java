package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.DescribedPredicate;
import io.github.aksreach.core.check.SubjectTransformer;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesAnalyzer;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesQuery;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesResult;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The items fluent checks talk about, taken from a {@link CheckContext}. The plain transformers give the model's
 * values; the {@code In} transformers give each item with the context it came from, for the built-in catalog's
 * conditions, which trace flows through the context's analysis.
 *
 * <pre>{@code
 * Checks.all(AksSubjects.backends()).should(AksConditions.beUp());       // "load-balancer backends should be UP"
 * Checks.all(AksSubjects.loadBalancerServices()).that(...).should(...);
 * Checks.all(AksSubjects.intentsIn()).should(AksConditions.beReachedAlwaysByTheClientsTheyAllow());
 * }</pre>
 */
public final class AksSubjects {
  private AksSubjects() {}

  /**
   * An item with the context it was taken from.
   *
   * <pre>{@code
   * In<Service> s = new In<>(ctx, svc);
   * s.ctx().location(s.item());
   * }</pre>
   *
   * @param ctx the context
   * @param item the item
   * @param <T> the item type
   */
  public record In<T>(CheckContext ctx, T item) {}

  /**
   * A LoadBalancer Service in front of an ingress-nginx controller.
   *
   * <pre>{@code
   * IngressService s = new IngressService(svc, controller);
   * }</pre>
   *
   * @param service the Service
   * @param controller the controller whose pods it selects
   */
  public record IngressService(Service service, IngressNginxController controller) {}

  /**
   * One host and path of an Ingress, served by a controller behind a LoadBalancer Service.
   *
   * <pre>{@code
   * IngressRoute r = new IngressRoute(svc, controller, new CheckContext.IngressRequest(ing, Optional.of("w"), "/"));
   * }</pre>
   *
   * @param service the Service in front of the controller
   * @param controller the controller
   * @param request the Ingress, host and path
   */
  public record IngressRoute(Service service, IngressNginxController controller, CheckContext.IngressRequest request) {}

  /**
   * An Ingress as one controller serves it.
   *
   * <pre>{@code
   * ServedIngress s = new ServedIngress(controller, ingress);
   * }</pre>
   *
   * @param controller the controller
   * @param ingress the Ingress
   */
  public record ServedIngress(IngressNginxController controller, Ingress ingress) {}

  /**
   * A custom NSG rule that drops some load-balancer probe, with the label of the NSG it belongs to.
   *
   * <pre>{@code
   * ProbeDeny d = new ProbeDeny("nsg-ingress (subnet snet-ingress)", denyAll);
   * }</pre>
   *
   * @param nsg the NSG's label
   * @param rule the rule
   */
  public record ProbeDeny(String nsg, SecurityRule rule) {}

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

  // ---------------------------------------------------------------- items with their context (the catalog's)

  /** {@link #backends()}, each with its context. */
  public static SubjectTransformer<CheckContext, In<BackendHealth>> backendsIn() {
    return in(backends());
  }

  /** {@link #loadBalancerServices()}, each with its context. */
  public static SubjectTransformer<CheckContext, In<Service>> loadBalancerServicesIn() {
    return in(loadBalancerServices());
  }

  /** {@link #intents()}, each with its context. */
  public static SubjectTransformer<CheckContext, In<Intent>> intentsIn() {
    return in(intents());
  }

  /** The ingress-nginx controllers found in the cluster. */
  public static SubjectTransformer<CheckContext, In<IngressNginxController>> ingressControllers() {
    return in(SubjectTransformer.of("ingress-nginx controllers", ctx -> ctx.network().controllers()));
  }

  /** LoadBalancer Services in front of ingress-nginx, with their controller (controller order, then Services). */
  public static SubjectTransformer<CheckContext, In<IngressService>> ingressServices() {
    return in(SubjectTransformer.of("ingress Services", ctx -> ctx.ingressServices().entrySet().stream()
        .map(e -> new IngressService(e.getKey(), e.getValue())).collect(Collectors.toList())));
  }

  /** Every host and path of every Ingress each ingress Service's controller serves. */
  public static SubjectTransformer<CheckContext, In<IngressRoute>> ingressRoutes() {
    return in(SubjectTransformer.of("Ingress routes", ctx -> {
      List<IngressRoute> out = new ArrayList<>();
      for (Map.Entry<Service, IngressNginxController> e : ctx.ingressServices().entrySet()) {
        for (CheckContext.IngressRequest r : ctx.requests(e.getValue())) {
          out.add(new IngressRoute(e.getKey(), e.getValue(), r));
        }
      }
      return out;
    }));
  }

  /** Every Ingress as each controller serves it. */
  public static SubjectTransformer<CheckContext, In<ServedIngress>> servedIngresses() {
    return in(SubjectTransformer.of("Ingresses served by ingress-nginx", ctx -> ctx.network().controllers().stream()
        .flatMap(c -> ctx.network().router(c).ingresses().stream().map(i -> new ServedIngress(c, i)))
        .collect(Collectors.toList())));
  }

  /**
   * The load balancer's HTTP(S) probes of ingress Services: one load-balancing rule per Service and frontend port
   * (the first), of those whose probe is not TCP.
   */
  public static SubjectTransformer<CheckContext, In<LbRuleSpec>> ingressHttpProbes() {
    return in(SubjectTransformer.of("HTTP probes of ingress-nginx Services", ctx -> {
      Map<Service, IngressNginxController> ing = ctx.ingressServices();
      Set<String> done = new LinkedHashSet<>();
      List<LbRuleSpec> out = new ArrayList<>();
      for (LbRuleSpec r : ctx.network().loadBalancing().rules()) {
        if (r.service().isPresent() && ing.containsKey(r.service().get()) && r.probe().isPresent()
            && r.probe().get().protocol() != ProbeProtocol.TCP
            && done.add(r.service().get().key() + "|" + r.frontendPort())) {
          out.add(r);
        }
      }
      return out;
    }));
  }

  /** The custom NSG deny rules that drop some load-balancer probe, in the order the backends' probes meet them. */
  public static SubjectTransformer<CheckContext, In<ProbeDeny>> probeDenyRules() {
    return in(SubjectTransformer.of("custom NSG deny rules on probe paths", NetworkRules::probeDenies));
  }

  /** The custom NSG rules nsg-model's shadowed-rules analysis reports as never deciding (shadowed or empty). */
  public static SubjectTransformer<CheckContext, In<ShadowedRulesResult.Row>> reportedNsgRules() {
    return in(SubjectTransformer.of("custom NSG rules", ctx -> ShadowedRulesAnalyzer.analyze(ctx.network().azure(),
        ShadowedRulesQuery.defaults()).rows().stream().filter(r -> r.rule().provenance().isPresent())
        .collect(Collectors.toList())));
  }

  /** The least-privilege advice for each intent and traffic policy. */
  public static SubjectTransformer<CheckContext, In<LeastPrivilege.Advice>> leastPrivilegeAdvice() {
    return in(SubjectTransformer.of("the NSGs on intents' paths", LeastPrivilege::advise));
  }

  /** What the loaders noted: every object skipped, read leniently or left out ({@code --skip-invalid}). */
  public static SubjectTransformer<CheckContext, In<io.github.aksreach.core.model.ModelError>> loadNotes() {
    return in(SubjectTransformer.of("objects the loaders skipped, read leniently or left out",
        ctx -> ctx.scenario().notes()));
  }

  /** The network interfaces of the Azure dump. */
  public static SubjectTransformer<CheckContext, In<io.github.aksreach.nsg.model.NetworkInterface>> nics() {
    return in(SubjectTransformer.of("network interfaces", ctx -> ctx.network().azure().nics()));
  }

  /** The cluster of the scenario (one item). */
  public static SubjectTransformer<CheckContext, In<Scenario>> clusters() {
    return in(SubjectTransformer.of("clusters", ctx -> List.of(ctx.scenario())));
  }

  /** {@code items}, each with the context it was taken from. */
  public static <T> SubjectTransformer<CheckContext, In<T>> in(SubjectTransformer<CheckContext, T> items) {
    return SubjectTransformer.of(items.description(), ctx -> items.transform(ctx).stream()
        .map(t -> new In<T>(ctx, t)).collect(Collectors.toList()));
  }

  /** A predicate on the item of an {@link In}. */
  public static <T> DescribedPredicate<In<T>> item(String description, Predicate<? super T> p) {
    return DescribedPredicate.describe(description, i -> p.test(i.item()));
  }

  /** A predicate on an {@link In}, when it needs the context. */
  static <T> DescribedPredicate<In<T>> inContext(String description, Predicate<In<T>> p) {
    return DescribedPredicate.describe(description, p);
  }

}
