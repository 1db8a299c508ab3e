package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.ContainerProbe;
import io.github.aksreach.k8s.model.PortRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pod's (or a pod template's) containers: name, image, command and arguments, ports and the readiness probe, each
 * problem reported at its path.
 *
 * <pre>{@code
 * List<Container> cs = ContainerReader.containers(spec.field("containers"));
 * }</pre>
 */
final class ContainerReader {
  private ContainerReader() {}

  static List<Container> containers(Cursor list) {
    List<Container> out = new ArrayList<>();
    for (Cursor c : list.items()) {
      Container.Builder b = Container.builder().name(c.required("name"));
      Optional<String> image = c.nonEmpty("image");
      if (image.isPresent()) {
        b.image(image.get());
      }
      b.addAllCommand(c.strings("command"));
      b.addAllArgs(c.strings("args"));
      for (Cursor p : c.items("ports")) {
        ContainerPort.Builder pb = ContainerPort.builder();
        Optional<String> portName = p.nonEmpty("name");
        if (portName.isPresent()) {
          pb.name(portName.get());
        }
        OptionalInt port = p.port("containerPort", true);
        if (p.field("containerPort").isAbsent()) {
          p.field("containerPort").error("missing containerPort");
        }
        pb.protocol(p.field("protocol").protocol());
        OptionalInt hostPort = p.port("hostPort", false);
        if (hostPort.isPresent() && hostPort.getAsInt() > 0) {
          pb.hostPort(hostPort.getAsInt());
        }
        if (port.isPresent()) {
          b.addPorts(pb.containerPort(port.getAsInt()).build());
        }
      }
      Optional<ContainerProbe> probe = readinessProbe(c.field("readinessProbe"));
      if (probe.isPresent()) {
        b.readinessProbe(probe.get());
      }
      out.add(b.build());
    }
    return out;
  }

  /**
   * A probe: exactly one handler of {@code httpGet} (port required, {@code path} default {@code /}, {@code scheme}
   * HTTP or HTTPS), {@code tcpSocket} (port required), {@code grpc} (numeric port required) or {@code exec}; the API
   * server refuses anything else, so it is an error naming the path.
   */
  private static final List<String> PROBE_HANDLERS = List.of("httpGet", "tcpSocket", "grpc", "exec");

  private static Optional<ContainerProbe> readinessProbe(Cursor p) {
    if (p.isAbsent()) {
      return Optional.empty();
    }
    p.expectObject();
    List<String> handlers = new ArrayList<>(1);
    for (String h : PROBE_HANDLERS) {
      if (p.field(h).isPresent()) {
        handlers.add(h);
      }
    }
    if (handlers.size() != 1) {
      p.error("a probe needs exactly one handler of httpGet, tcpSocket, grpc and exec, found "
          + (handlers.isEmpty() ? "none" : String.join(" and ", handlers)));
      return Optional.empty();
    }
    Cursor h = p.field(handlers.get(0));
    switch (handlers.get(0)) {
      case "exec":
        return Optional.of(ContainerProbe.exec(h.strings("command")));
      case "grpc": {
        OptionalInt port = h.port("port", true);
        if (h.field("port").isAbsent()) {
          h.field("port").error("a grpc probe needs a port (a number)");
        }
        return port.isPresent() ? Optional.of(ContainerProbe.grpc(port.getAsInt())) : Optional.empty();
      }
      default: {
        Cursor port = h.field("port");
        if (port.isAbsent()) {
          port.error("a " + handlers.get(0) + " probe needs a port (a number or a container port name)");
          return Optional.empty();
        }
        Optional<PortRef> ref = port.portRef();
        if (ref.isEmpty()) {
          return Optional.empty();
        }
        if (handlers.get(0).equals("tcpSocket")) {
          return Optional.of(ContainerProbe.tcpSocket(ref.get()));
        }
        String scheme = h.string("scheme").orElse("HTTP");
        if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
          h.field("scheme").error("scheme must be HTTP or HTTPS, found '" + scheme + "'");
        }
        String path = h.string("path").filter(x -> !x.isEmpty()).orElse("/");
        return Optional.of(new ContainerProbe(ContainerProbe.Kind.HTTP_GET, ref, path, scheme.equals("HTTPS"),
            h.nonEmpty("host"), List.of()));
      }
    }
  }
}
