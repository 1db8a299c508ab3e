package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import java.util.List;

/**
 * A custom resource kind the loader reads, where its CRD is installed: the Gateway API kinds, Istio's
 * AuthorizationPolicy and Application Gateway for Containers' kinds, each with the API versions the readers take.
 * One list for everything that fetches them ({@code aksreach collect}, the fabric8 adapter), so a kind the model
 * learns is fetched everywhere.
 *
 * <pre>{@code
 * for (CustomResourceKind k : CustomResourceKind.ALL) {
 *   System.out.println(k.resource());   // "gateways.gateway.networking.k8s.io", ...
 * }
 * }</pre>
 *
 * @param group the API group
 * @param plural the resource name
 * @param kind the kind
 * @param namespaced whether objects live in namespaces
 * @param versions the versions the readers take, preferred first
 */
public record CustomResourceKind(String group, String plural, String kind, boolean namespaced, List<String> versions) {
  private static final String GATEWAY = "gateway.networking.k8s.io";

  /** Every custom resource kind the loader reads, in the order {@code collect} fetches them. */
  public static final List<CustomResourceKind> ALL = List.of(
      new CustomResourceKind(GATEWAY, "gatewayclasses", "GatewayClass", false, List.of("v1", "v1beta1")),
      new CustomResourceKind(GATEWAY, "gateways", "Gateway", true, List.of("v1", "v1beta1")),
      new CustomResourceKind(GATEWAY, "httproutes", "HTTPRoute", true, List.of("v1", "v1beta1")),
      new CustomResourceKind(GATEWAY, "grpcroutes", "GRPCRoute", true, List.of("v1", "v1alpha2")),
      new CustomResourceKind(GATEWAY, "referencegrants", "ReferenceGrant", true, List.of("v1", "v1beta1", "v1alpha2")),
      new CustomResourceKind("security.istio.io", "authorizationpolicies", "AuthorizationPolicy", true,
          List.of("v1", "v1beta1")),
      new CustomResourceKind(ApplicationLoadBalancer.GROUP, "applicationloadbalancers", "ApplicationLoadBalancer", true,
          List.of("v1")),
      new CustomResourceKind(ApplicationLoadBalancer.GROUP, "healthcheckpolicies", "HealthCheckPolicy", true,
          List.of("v1")));

  /** The kind as {@code kubectl} names it: {@code <plural>.<group>}. */
  public String resource() {
    return plural + "." + group;
  }
}
