package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.Protocol;

/**
 * What an intent protects: an address and port ({@code to: 192.168.0.22:80/tcp}) or a Service port
 * ({@code service: ingress/ingress-nginx-controller, port: 80}).
 *
 * <pre>{@code
 * IntentTarget t = IntentTarget.address(IpAddress.of("192.168.0.22"), 80, Protocol.TCP);
 * t.toString();   // "192.168.0.22:80/tcp"
 * IntentTarget.service("ingress", "ingress-nginx-controller", PortRef.number(80)).toString();
 * // "service ingress/ingress-nginx-controller port 80"
 * }</pre>
 */
public sealed interface IntentTarget permits IntentTarget.Address, IntentTarget.ServicePortRef {

  static IntentTarget address(IpAddress ip, int port, Protocol protocol) {
    return new Address(ip, port, protocol);
  }

  static IntentTarget service(String namespace, String name, PortRef port) {
    return new ServicePortRef(namespace, name, port);
  }

  /**
   * An address, port and protocol.
   *
   * @param ip the destination address
   * @param port the destination port
   * @param protocol the protocol (TCP unless the intent says {@code /udp})
   */
  record Address(IpAddress ip, int port, Protocol protocol) implements IntentTarget {
    public Address {
      if (ip == null || protocol == null || port < 0 || port > 65535) {
        throw new InvalidModelException("invalid intent address target");
      }
    }

    @Override
    public String toString() {
      return (ip.family() == IpFamily.V6 ? "[" + ip + "]" : ip.toString()) + ":" + port + "/" + protocol;
    }
  }

  /**
   * A port of a Service.
   *
   * @param namespace the Service's namespace
   * @param name the Service's name
   * @param port the Service port, by number or name
   */
  record ServicePortRef(String namespace, String name, PortRef port) implements IntentTarget {
    public ServicePortRef {
      if (namespace == null || name == null || port == null || namespace.isEmpty() || name.isEmpty()) {
        throw new InvalidModelException("invalid intent service target");
      }
    }

    @Override
    public String toString() {
      return "service " + namespace + "/" + name + " port " + port;
    }
  }
}
