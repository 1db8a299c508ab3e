package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.ContainerProbe;
import io.github.aksreach.k8s.model.HealthCheckPolicy;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The health probe Application Gateway for Containers sends to one endpoint pod of a backend Service, and what the
 * pod does with it at the application (the network part, from AGC's address in the association subnet through the
 * NSGs and the pod's NetworkPolicies, is traced by the end-to-end graph). AGC sends traffic only to endpoints its probe
 * finds healthy; the probe is, in order (learn.microsoft.com/azure/application-gateway/for-containers/
 * custom-health-probe): the {@link HealthCheckPolicy} that targets the Service, else the pod's readiness probe, else
 * the default probe {@code GET /} with Host {@code localhost} on the port the traffic goes to.
 *
 * <pre>{@code
 * AgcProbe p = AgcProbe.of(cluster, "default", "app", endpoint, true);
 * p.source();     // READINESS
 * p.port();       // 8080, resolved from the container port the readiness probe names
 * p.failure();    // Optional.empty(): the application answers it (the pod is Ready: kubelet's same probe passed)
 * }</pre>
 *
 * <p>At the application: a readiness probe (httpGet, tcpSocket, grpc) of a Ready pod is answered, as kubelet's
 * identical probe passed. An {@code exec} readiness probe runs inside the container, which AGC cannot do: the default
 * probe is used instead (UNVERIFIED: the documentation does not say). The default probe and a HealthCheckPolicy's
 * probe to the traffic's port are answered when option {@code httpProbeToPlainPodSucceeds} holds (aksreach cannot
 * know the application's routes; an HTTP answer is taken as 200, which the policy's {@code statusCodes} must accept).
 * A probe to another port is answered only if a container of the pod declares that port (TCP) or its readiness probe
 * uses it: a port nothing is known to listen on is taken as refusing the connection.
 *
 * @param source where the probe comes from
 * @param protocol HTTP, HTTPS, GRPC or TCP
 * @param pod the endpoint's pod, if the dump has it
 * @param address the endpoint's address (probed)
 * @param port the probed port
 * @param host the Host header of an HTTP probe
 * @param path the path of an HTTP probe
 * @param failure why the application does not answer it healthily; empty when it does
 */
public record AgcProbe(Source source, String protocol, Optional<Pod> pod, IpAddress address, int port, String host,
                       String path, Optional<String> failure) {
  /** Where AGC takes its probe from. */
  public enum Source {
    /** A HealthCheckPolicy targets the Service. */
    POLICY,
    /** The pod's readiness probe. */
    READINESS,
    /** The default probe: {@code GET /}, Host {@code localhost}, on the traffic's port. */
    DEFAULT
  }

  /** In words: {@code HTTP GET localhost/ on 10.244.1.10:8080 (default probe)}. */
  public String describe() {
    String what = protocol.startsWith("HTTP") ? protocol + " GET " + host + path : protocol;
    return what + " on " + address + ":" + port + " (" + switch (source) {
      case POLICY -> "HealthCheckPolicy";
      case READINESS -> "readiness probe";
      case DEFAULT -> "default probe";
    } + ")";
  }

  /**
   * The probe AGC sends to {@code e}, an endpoint of Service {@code namespace/service}.
   *
   * @param httpAnswered option {@code httpProbeToPlainPodSucceeds}: the application answers an HTTP probe of the
   *     traffic's port with 200
   */
  public static AgcProbe of(KubernetesCluster cluster, String namespace, String service, ServiceEndpoint e,
      boolean httpAnswered) {
    Optional<Pod> pod = e.targetRef().flatMap(r -> cluster.pod(r.namespace(), r.name()))
        .or(() -> cluster.podByIp(e.address()));
    Optional<HealthCheckPolicy> policy = cluster.healthCheckPolicyFor(namespace, service);
    if (policy.isPresent()) {
      return fromPolicy(policy.get(), pod, e, httpAnswered);
    }
    Optional<ContainerProbe> readiness = pod.flatMap(p -> p.containers().stream()
        .flatMap(c -> c.readinessProbe().stream()).filter(r -> r.kind() != ContainerProbe.Kind.EXEC).findFirst());
    if (readiness.isPresent()) {
      ContainerProbe r = readiness.get();
      OptionalInt port = r.port().orElseThrow().resolve(n -> pod.get().namedPort(n, io.github.aksreach.core.model
          .Protocol.TCP));
      if (port.isEmpty()) {
        return new AgcProbe(Source.READINESS, "TCP", pod, e.address(), e.port(), "", "", Optional.of("the readiness "
            + "probe names port " + r.port().get() + ", which no container of the pod declares"));
      }
      String protocol = switch (r.kind()) {
        case HTTP_GET -> r.https() ? "HTTPS" : "HTTP";
        case GRPC -> "GRPC";
        default -> "TCP";
      };
      return new AgcProbe(Source.READINESS, protocol, pod, e.address(), port.getAsInt(), r.host().orElse(""),
          r.path(), Optional.empty());
    }
    return new AgcProbe(Source.DEFAULT, "HTTP", pod, e.address(), e.port(), "localhost", "/", httpAnswered
        ? Optional.empty() : Optional.of("the application's answer to GET / is unknown and option "
            + "httpProbeToPlainPodSucceeds is off"));
  }

  private static AgcProbe fromPolicy(HealthCheckPolicy h, Optional<Pod> pod, ServiceEndpoint e, boolean httpAnswered) {
    int port = h.port().orElse(e.port());
    String protocol = h.grpc() ? "GRPC" : h.useTls().orElse(false) ? "HTTPS" : "HTTP";
    Optional<String> failure = Optional.empty();
    if (port != e.port() && !listens(pod, port)) {
      failure = Optional.of("nothing is known to listen on port " + port + ": no container of "
          + pod.map(p -> "pod " + p.key()).orElse("the endpoint's pod (not in the dump)")
          + " declares it and its readiness probe does not use it (" + h.key() + " probes it)");
    } else if (!h.grpc() && !httpAnswered) {
      failure = Optional.of("the application's answer to " + h.path().orElse("/") + " is unknown and option "
          + "httpProbeToPlainPodSucceeds is off");
    } else if (!h.grpc() && !h.accepts(200)) {
      failure = Optional.of(h.key() + " accepts only statuses " + h.statusCodes() + ", and the application's answer "
          + "is taken as 200");
    }
    return new AgcProbe(Source.POLICY, protocol, pod, e.address(), port, h.host().orElse("localhost"),
        h.path().orElse("/"), failure);
  }

  /** Whether a container of {@code pod} declares TCP port {@code port}, or a readiness probe uses it. */
  private static boolean listens(Optional<Pod> pod, int port) {
    if (pod.isEmpty()) {
      return false;
    }
    Pod p = pod.get();
    return p.containers().stream().anyMatch(c -> c.ports().stream().anyMatch(cp -> cp.containerPort() == port
        && cp.protocol() == io.github.aksreach.core.model.Protocol.TCP)
        || c.readinessProbe().flatMap(ContainerProbe::port).map(r -> r.resolve(n -> p.namedPort(n,
            io.github.aksreach.core.model.Protocol.TCP))).filter(OptionalInt::isPresent)
            .map(OptionalInt::getAsInt).filter(x -> x == port).isPresent());
  }

  /** The probes of several endpoints, in order. */
  public static List<AgcProbe> of(KubernetesCluster cluster, String namespace, String service,
      List<ServiceEndpoint> endpoints, boolean httpAnswered) {
    return endpoints.stream().map(e -> of(cluster, namespace, service, e, httpAnswered)).toList();
  }
}
