package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;
import io.github.aksreach.core.model.ModelError;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A port given by number or by name, Kubernetes' {@code IntOrString} for ports: a Service's {@code targetPort}, an
 * Ingress backend's service port, a NetworkPolicy port, a probe-port annotation.
 *
 * <pre>{@code
 * PortRef.number(8080).resolve(name -> OptionalInt.empty());   // OptionalInt[8080]
 * PortRef http = PortRef.name("http");
 * http.resolve(pod::namedPort);                                  // the pod's container port named "http", if any
 * PortRef.parse("8080").orElseThrow();                                   // Number[8080]
 * PortRef.parse("websecure").orElseThrow();                              // Name[websecure]
 * }</pre>
 *
 * <p>Important note: a name is resolved on the <em>destination</em> (the endpoint pod of a Service, the pod a
 * NetworkPolicy protects), so one named port may stand for different numbers on different pods.
 */
public sealed interface PortRef permits PortRef.Number, PortRef.Name {

  static PortRef number(int port) {
    return new Number(port);
  }

  static PortRef name(String name) {
    return new Name(name);
  }

  /**
   * Parses a port number ({@code "8080"}) or an IANA service name ({@code "http"}: lower-case letters, digits and
   * dashes, at most 15 characters, at least one letter), as Kubernetes validates them.
   */
  static Parsed<PortRef> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, PortRef> parseResult(String text) {
    String t = text == null ? "" : text.trim();
    if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (t.length() > 5 || Integer.parseInt(t) > 65535) {
        return Validation.invalid(ModelError.of("invalid port '%s': out of range 0-65535", t));
      }
      return Validation.valid(number(Integer.parseInt(t)));
    }
    if (!isValidPortName(t)) {
      return Validation.invalid(ModelError.of(
          "invalid port '%s': neither a port number nor a port name (lower-case letters, digits and '-', "
              + "at most 15 characters, at least one letter)", t));
    }
    return Validation.valid(name(t));
  }

  /** Kubernetes' {@code IsValidPortName}. */
  static boolean isValidPortName(String s) {
    if (s.isEmpty() || s.length() > 15 || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
      return false;
    }
    boolean letter = false;
    for (char c : s.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        letter = true;
      } else if (!(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return letter;
  }

  /** The number, resolving a name with {@code byName}; empty when the name is unknown there. */
  OptionalInt resolve(Function<String, OptionalInt> byName);

  /** The number, if this is a number. */
  OptionalInt asNumber();

  /** The name, if this is a name. */
  Optional<String> asName();

  /** A port number. */
  record Number(int port) implements PortRef {
    public Number {
      if (port < 0 || port > 65535) {
        throw new io.github.aksreach.core.model.InvalidModelException("port out of range 0-65535: " + port);
      }
    }

    @Override
    public OptionalInt resolve(Function<String, OptionalInt> byName) {
      return OptionalInt.of(port);
    }

    @Override
    public OptionalInt asNumber() {
      return OptionalInt.of(port);
    }

    @Override
    public Optional<String> asName() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return Integer.toString(port);
    }
  }

  /** A port name, resolved on the destination. */
  record Name(String name) implements PortRef {
    public Name {
      if (name == null || name.isEmpty()) {
        throw new io.github.aksreach.core.model.InvalidModelException("port name must not be empty");
      }
    }

    @Override
    public OptionalInt resolve(Function<String, OptionalInt> byName) {
      return byName.apply(name);
    }

    @Override
    public OptionalInt asNumber() {
      return OptionalInt.empty();
    }

    @Override
    public Optional<String> asName() {
      return Optional.of(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
