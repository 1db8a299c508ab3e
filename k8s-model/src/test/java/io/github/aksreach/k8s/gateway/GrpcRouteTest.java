package io.github.aksreach.k8s.gateway;

import static io.github.aksreach.k8s.gateway.GatewayFixtures.INFRA;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.answer;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.backend;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.model.KubernetesCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GRPCRoute routing (R2.35): the conformance vector grpcroute-exact-method-matching, and service-only matches. */
class GrpcRouteTest {
  private static final String SVC = "gateway_api_conformance.grpc_echo.grpcecho.GrpcEcho";

  private static final KubernetesCluster C = cluster(backend(INFRA, "grpc-infra-backend-v1", "10.244.4.1")
      + backend(INFRA, "grpc-infra-backend-v2", "10.244.4.2") + backend(INFRA, "grpc-infra-backend-v3", "10.244.4.3"),
      "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: exact-matching, namespace: "
      + INFRA + "}\nspec:\n  parentRefs: [{name: same-namespace}]\n  rules:\n"
      + "  - matches: [{method: {service: " + SVC + ", method: Echo}}]\n"
      + "    backendRefs: [{name: grpc-infra-backend-v1, port: 8080}]\n"
      + "  - matches: [{method: {service: " + SVC + ", method: EchoTwo}}]\n"
      + "    backendRefs: [{name: grpc-infra-backend-v2, port: 8080}]\n"
      + "  - matches: [{method: {service: other.Svc}}]\n"
      + "    backendRefs: [{name: grpc-infra-backend-v3, port: 8080}]\n");

  @ParameterizedTest(name = "/{0}/{1} -> {2}")
  @CsvSource(delimiter = '|', value = {SVC + "|Echo|grpc-infra-backend-v1", SVC + "|EchoTwo|grpc-infra-backend-v2",
      SVC + "|EchoThree|404", "other.Svc|Anything|grpc-infra-backend-v3"})
  void exactMethodMatching(String service, String method, String expected) {
    GatewayRouter r = GatewayRouter.of(C, C.gateway(INFRA, "same-namespace").orElseThrow(),
        GatewayOptions.defaults());
    assertThat(answer(r.routeGrpc(HttpRequest.get(80, "grpc.example.com", "/" + service + "/" + method)
        .withMethod("POST").withHeader("content-type", "application/grpc"), service, method))).isEqualTo(expected);
  }
}
