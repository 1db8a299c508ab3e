package io.github.aksreach.core.model;

import io.vavr.control.Validation;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a question's flows go: an address, a port and a protocol that carries ports. The one parser of the
 * {@code <ip>:<port>[/tcp|/udp|/sctp]} syntax the command line and {@code scenario.yaml} intents use.
 *
 * <pre>{@code
 * Destination d = Destination.parse("192.168.0.22:80").orElseThrow();      // 192.168.0.22:80/tcp
 * Destination.parse("[fd00::22]:53/udp").orElseThrow().protocol();          // UDP
 * Destination.parse("192.168.0.22").isInvalid();                    // true: a port is required
 * Destination.of(IpAddress.of("10.10.1.100"), 443, Protocol.TCP);
 * }</pre>
 *
 * @param address the destination address
 * @param port the destination port, 1 to 65535
 * @param protocol TCP, UDP or SCTP
 */
public record Destination(IpAddress address, int port, Protocol protocol) {
  public Destination {
    Objects.requireNonNull(address);
    Objects.requireNonNull(protocol);
    if (port < 1 || port > 65535) {
      throw new InvalidModelException("destination port out of range: " + port);
    }
    if (!protocol.hasPorts()) {
      throw new InvalidModelException("protocol " + protocol + " carries no ports");
    }
  }

  public static Destination of(IpAddress address, int port, Protocol protocol) {
    return new Destination(address, port, protocol);
  }

  /** Parses {@code ip:port}, {@code ip:port/udp}, {@code [v6]:port/sctp} (the protocol defaults to TCP). */
  public static Parsed<Destination> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, Destination> parseResult(String text) {
    String t = text == null ? "" : text.trim();
    Protocol protocol = Protocol.TCP;
    int slash = t.lastIndexOf('/');
    if (slash >= 0 && t.indexOf(':', slash) < 0 && t.indexOf('.', slash) < 0) {
      String name = t.substring(slash + 1);
      Validation<ModelError, Protocol> p = Protocol.parse(name);
      if (p.isInvalid() || !p.get().hasPorts()) {
        return Validation.invalid(ModelError.of("protocol '%s' is not tcp, udp or sctp", name));
      }
      protocol = p.get();
      t = t.substring(0, slash);
    }
    boolean hasPort = t.startsWith("[") ? t.contains("]:") : t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':');
    Validation<ModelError, Flow.Endpoint> e = Flow.endpoint(t);
    if (e.isInvalid()) {
      return Validation.invalid(e.getError());
    }
    if (!hasPort) {
      return Validation.invalid(ModelError.of("a port is required: expected ip:port, such as 192.168.0.22:80/tcp"));
    }
    if (e.get().port() < 1) {
      return Validation.invalid(ModelError.of("port 0 is not a port a flow can use: give 1-65535"));
    }
    return Validation.valid(new Destination(e.get().address(), e.get().port(), protocol));
  }

  /** {@code 192.168.0.22:80/tcp}, {@code [fd00::22]:53/udp}. */
  @Override
  public String toString() {
    return Flow.format(address, port) + "/" + protocol.name().toLowerCase(Locale.ROOT);
  }
}
