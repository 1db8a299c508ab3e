package io.github.aksreach.k8s.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's readiness probe ({@code readinessProbe}): its handler, as kubelet runs it. Application Gateway for
 * Containers probes a pod with it when no HealthCheckPolicy names the pod's Service (learn.microsoft.com/azure/
 * application-gateway/for-containers/custom-health-probe: "If there's no HealthCheckPolicy CR, then use Readiness
 * probe").
 *
 * <pre>{@code
 * ContainerProbe p = ContainerProbe.httpGet(PortRef.name("http"), "/healthz", false);
 * p.port();                                  // Optional[Name[http]]
 * ContainerProbe.tcpSocket(PortRef.number(5432)).kind();   // TCP_SOCKET
 * ContainerProbe.exec(List.of("cat", "/tmp/ready")).port(); // Optional.empty: nothing on the network
 * }</pre>
 *
 * @param kind the handler
 * @param port the port the handler connects to ({@code httpGet.port}, {@code tcpSocket.port}, {@code grpc.port});
 *     empty for {@code exec}
 * @param path {@code httpGet.path} ({@code /} when absent, as kubelet sends)
 * @param https {@code httpGet.scheme: HTTPS}
 * @param host {@code httpGet.host} (kubelet's default is the pod's address)
 * @param command {@code exec.command}
 */
public record ContainerProbe(Kind kind, Optional<PortRef> port, String path, boolean https, Optional<String> host,
                             List<String> command) {
  /** The four handlers of a Kubernetes probe. */
  public enum Kind {
    HTTP_GET,
    TCP_SOCKET,
    GRPC,
    EXEC
  }

  public ContainerProbe {
    Objects.requireNonNull(kind, "kind");
    command = List.copyOf(command);
    if ((kind == Kind.EXEC) != port.isEmpty()) {
      throw new io.github.aksreach.core.model.InvalidModelException("a " + kind + " probe "
          + (kind == Kind.EXEC ? "has no port" : "needs a port"));
    }
  }

  public static ContainerProbe httpGet(PortRef port, String path, boolean https) {
    return new ContainerProbe(Kind.HTTP_GET, Optional.of(port), path, https, Optional.empty(), List.of());
  }

  public static ContainerProbe tcpSocket(PortRef port) {
    return new ContainerProbe(Kind.TCP_SOCKET, Optional.of(port), "/", false, Optional.empty(), List.of());
  }

  public static ContainerProbe grpc(int port) {
    return new ContainerProbe(Kind.GRPC, Optional.of(PortRef.number(port)), "/", false, Optional.empty(), List.of());
  }

  public static ContainerProbe exec(List<String> command) {
    return new ContainerProbe(Kind.EXEC, Optional.empty(), "/", false, Optional.empty(), command);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case HTTP_GET -> "httpGet " + (https ? "HTTPS " : "") + port.get() + " " + path;
      case TCP_SOCKET -> "tcpSocket " + port.get();
      case GRPC -> "grpc " + port.get();
      case EXEC -> "exec " + command;
    };
  }
}
