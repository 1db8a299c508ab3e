package io.github.aksreach.core.model;

import io.vavr.control.Validation;
import java.util.Optional;

/**
 * One concrete flow: protocol, source and destination address and port, and, once it reaches an HTTP proxy, the
 * request's host and path.
 *
 * <pre>{@code
 * Flow f = Flow.tcp("192.168.1.4:50326", "192.168.0.22:80").withHttp("demoapi.eyskens.corp", "/weatherforecast");
 * f.withSrc(IpAddress.of("10.244.2.1"), f.srcPort());   // the same request after kube-proxy's SNAT
 * }</pre>
 *
 * @param protocol IP protocol
 * @param srcIp source address
 * @param srcPort source port (0 for protocols without ports)
 * @param dstIp destination address
 * @param dstPort destination port (0 for protocols without ports)
 * @param host HTTP Host header, when the flow is an HTTP request
 * @param path HTTP request path, when the flow is an HTTP request
 */
public record Flow(Protocol protocol, IpAddress srcIp, int srcPort, IpAddress dstIp, int dstPort,
                   Optional<String> host, Optional<String> path) {

  public Flow {
    if (protocol == null || srcIp == null || dstIp == null || host == null || path == null) {
      throw new InvalidModelException("Flow fields must not be null");
    }
    if (srcPort < 0 || srcPort > PortRange.MAX || dstPort < 0 || dstPort > PortRange.MAX) {
      throw new InvalidModelException("port out of range 0-65535 in flow");
    }
  }

  public static Flow of(Protocol protocol, IpAddress srcIp, int srcPort, IpAddress dstIp, int dstPort) {
    return new Flow(protocol, srcIp, srcPort, dstIp, dstPort, Optional.empty(), Optional.empty());
  }

  /** A TCP flow from {@code "ip:port"} to {@code "ip:port"} (IPv6 as {@code "[addr]:port"}). */
  public static Flow tcp(String src, String dst) {
    return of(Protocol.TCP, InvalidModelException.orThrow(endpoint(src)).address(),
        InvalidModelException.orThrow(endpoint(src)).port(),
        InvalidModelException.orThrow(endpoint(dst)).address(), InvalidModelException.orThrow(endpoint(dst)).port());
  }

  /** An address with a port, as users write it on the command line. */
  public record Endpoint(IpAddress address, int port) {
    @Override
    public String toString() {
      return format(address, port);
    }
  }

  /** Parses {@code "ip:port"}, {@code "[v6]:port"} or a bare address (port 0). */
  public static Parsed<Endpoint> endpoint(String text) {
    return Parsed.of(endpointResult(text));
  }

  private static Validation<ModelError, Endpoint> endpointResult(String text) {
    String t = text == null ? "" : text.trim();
    String addr = t;
    String port = null;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        return Validation.invalid(ModelError.of("invalid endpoint '%s': missing ']'", t));
      }
      addr = t.substring(1, close);
      if (t.length() > close + 1) {
        if (t.charAt(close + 1) != ':') {
          return Validation.invalid(ModelError.of("invalid endpoint '%s': expected ':' after ']'", t));
        }
        port = t.substring(close + 2);
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      addr = t.substring(0, t.indexOf(':'));
      port = t.substring(t.indexOf(':') + 1);
    }
    Validation<ModelError, IpAddress> a = IpAddress.parse(addr);
    if (a.isInvalid()) {
      return Validation.invalid(ModelError.of("invalid endpoint '%s': %s", t, a.getError().message()));
    }
    if (port == null) {
      return Validation.valid(new Endpoint(a.get(), 0));
    }
    Validation<ModelError, PortRange> p = PortRange.parse(port);
    if (p.isInvalid() || p.get().start() != p.get().end()) {
      return Validation.invalid(ModelError.of("invalid endpoint '%s': '%s' is not a port", t, port));
    }
    return Validation.valid(new Endpoint(a.get(), p.get().start()));
  }

  public Flow withHttp(String host, String path) {
    return new Flow(protocol, srcIp, srcPort, dstIp, dstPort, Optional.ofNullable(host), Optional.ofNullable(path));
  }

  public Flow withSrc(IpAddress ip, int port) {
    return new Flow(protocol, ip, port, dstIp, dstPort, host, path);
  }

  public Flow withDst(IpAddress ip, int port) {
    return new Flow(protocol, srcIp, srcPort, ip, port, host, path);
  }

  /** The value of one field as a 128-bit key (hi word). */
  public long keyHi(Field f) {
    switch (f) {
      case SRC_IP:
        return srcIp.hi();
      case DST_IP:
        return dstIp.hi();
      default:
        return 0;
    }
  }

  /** The value of one field as a 128-bit key (lo word). */
  public long keyLo(Field f) {
    switch (f) {
      case PROTOCOL:
        return protocol.number();
      case SRC_IP:
        return srcIp.lo();
      case SRC_PORT:
        return srcPort;
      case DST_IP:
        return dstIp.lo();
      case DST_PORT:
        return dstPort;
      default:
        throw new IllegalStateException();
    }
  }

  /** Every field's key, (hi, lo) per level, for the engine. */
  public long[] keys() {
    long[] k = new long[2 * FIELDS.length];
    for (Field f : FIELDS) {
      k[2 * f.level()] = keyHi(f);
      k[2 * f.level() + 1] = keyLo(f);
    }
    return k;
  }

  /** Whether {@code keys} (as {@link #keys()} returns them) are this flow's. */
  public boolean hasKeys(long[] keys) {
    for (Field f : FIELDS) {
      if (keys[2 * f.level()] != keyHi(f) || keys[2 * f.level() + 1] != keyLo(f)) {
        return false;
      }
    }
    return true;
  }

  private static final Field[] FIELDS = Field.values();

  /** The flow with the given keys (as {@link #keys()} returns them); unknown protocol numbers are rejected. */
  public static Flow fromKeys(long[] k, Optional<String> host, Optional<String> path) {
    int proto = (int) k[2 * Field.PROTOCOL.level() + 1];
    Protocol p = Protocol.byNumber(proto).orElseThrow(() -> new InvalidModelException("protocol " + proto));
    return new Flow(p, IpAddress.ofKey(k[2 * Field.SRC_IP.level()], k[2 * Field.SRC_IP.level() + 1]),
        (int) k[2 * Field.SRC_PORT.level() + 1],
        IpAddress.ofKey(k[2 * Field.DST_IP.level()], k[2 * Field.DST_IP.level() + 1]),
        (int) k[2 * Field.DST_PORT.level() + 1], host, path);
  }

  static String format(IpAddress a, int port) {
    return a.family() == IpFamily.V6 ? "[" + a + "]:" + port : a + ":" + port;
  }

  /** {@code "ip:port"} of the source. */
  public String src() {
    return format(srcIp, srcPort);
  }

  /** {@code "ip:port"} of the destination. */
  public String dst() {
    return format(dstIp, dstPort);
  }

  @Override
  public String toString() {
    return protocol + " " + src() + " -> " + dst() + host.map(h -> " Host: " + h).orElse("")
        + path.map(p -> " " + p).orElse("");
  }
}
