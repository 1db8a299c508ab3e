package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.GatewayRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.ReferenceGrant;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resolves a route's backendRefs (R2.23-R2.30): kind, existence, ReferenceGrant for another namespace, Service port,
 * ready endpoints; and splits a rule's traffic by weight.
 *
 * <pre>{@code
 * BackendResolver r = new BackendResolver(cluster);
 * r.invalidReason(route, BackendRef.service("web", 8080).inNamespace("other"));
 * // Optional[RefNotPermitted: no ReferenceGrant in other lets HTTPRoute app/... reference Service web]
 * r.shares(route, rule.backendRefs());   // weighted BackendShares, weight 0 dropped
 * }</pre>
 */
public final class BackendResolver {
  private final KubernetesCluster cluster;

  public BackendResolver(KubernetesCluster cluster) {
    this.cluster = cluster;
  }

  /** Why a backendRef is invalid ({@code ResolvedRefs=False} reason and detail), or empty when it resolves. */
  public Optional<String> invalidReason(GatewayRoute route, BackendRef ref) {
    if (!ref.isService()) {
      return Optional.of("InvalidKind: " + ref.kind() + (ref.group().isEmpty() ? "" : "." + ref.group())
          + " is not a supported backend kind");
    }
    String ns = ref.namespaceOr(route.namespace());
    if (!ns.equals(route.namespace()) && cluster.referenceGrantsIn(ns).stream().noneMatch((ReferenceGrant g) ->
        g.permits(ParentRef.GATEWAY_GROUP, route.kind(), route.namespace(), "", "Service", ref.name()))) {
      return Optional.of("RefNotPermitted: no ReferenceGrant in " + ns + " lets " + route.kind() + " "
          + route.key() + " reference Service " + ref.name());
    }
    Optional<Service> svc = cluster.service(ns, ref.name());
    if (svc.isEmpty()) {
      return Optional.of("BackendNotFound: Service " + ns + "/" + ref.name() + " does not exist");
    }
    if (svc.get().type() == ServiceType.EXTERNAL_NAME) {
      return Optional.of("UnsupportedValue: Service " + ns + "/" + ref.name() + " is an ExternalName Service");
    }
    if (port(svc.get(), ref).isEmpty()) {
      return Optional.of("BackendNotFound: Service " + ns + "/" + ref.name() + " has no port "
          + (ref.port().isPresent() ? ref.port().getAsInt() : "(none given)"));
    }
    return Optional.empty();
  }

  private static Optional<ServicePort> port(Service svc, BackendRef ref) {
    if (ref.port().isEmpty()) {
      return Optional.empty();
    }
    return svc.ports().stream().filter(p -> p.port() == ref.port().getAsInt()).findFirst();
  }

  /**
   * The weighted shares of a rule's backends: entries of weight 0 get no traffic and are left out; fractions are
   * weight / sum. Empty when no entry has a positive weight (the rule then answers 500, R2.26/R2.27).
   */
  public List<BackendShare> shares(GatewayRoute route, List<BackendRef> refs) {
    long sum = refs.stream().mapToLong(BackendRef::weight).sum();
    List<BackendShare> out = new ArrayList<>();
    if (sum == 0) {
      return out;
    }
    for (BackendRef ref : refs) {
      if (ref.weight() == 0) {
        continue;
      }
      double fraction = (double) ref.weight() / sum;
      Optional<String> invalid = invalidReason(route, ref);
      if (invalid.isPresent()) {
        out.add(new BackendShare(ref, fraction, Optional.empty(), Optional.empty(), List.of(), OptionalInt.of(500),
            invalid.get()));
        continue;
      }
      Service svc = cluster.service(ref.namespaceOr(route.namespace()), ref.name()).orElseThrow();
      ServicePort port = port(svc, ref).orElseThrow();
      List<ServiceEndpoint> ready = cluster.endpointsOf(svc, port).stream().filter(ServiceEndpoint::ready).toList();
      out.add(new BackendShare(ref, fraction, Optional.of(svc), Optional.of(port), ready,
          ready.isEmpty() ? OptionalInt.of(503) : OptionalInt.empty(), ready.isEmpty()
              ? "no ready endpoint for " + svc.key() + " port " + port.port() : ""));
    }
    return out;
  }
}
