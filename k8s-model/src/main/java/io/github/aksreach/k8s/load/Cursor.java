package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.PortRef;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A position in a parsed YAML/JSON tree with its path, reading typed values and reporting every problem to the
 * {@link ReadContext} (never throwing, never returning null). The path is built only when asked for (a message or
 * a provenance needs it): a cursor keeps its parent and its key or index, so reading a field costs no string.
 */
final class Cursor {
  final ReadContext ctx;
  private final JsonNode node;
  /** The parent, or null for a root cursor (whose path is given). */
  private final Cursor parent;
  /** The field name under the parent, or null for a list element (then {@link #index}). */
  private final String key;
  private final int index;
  private String path;

  Cursor(ReadContext ctx, String path, JsonNode node) {
    this.ctx = ctx;
    this.path = path;
    this.node = node;
    this.parent = null;
    this.key = null;
    this.index = -1;
  }

  private Cursor(Cursor parent, String key, int index, JsonNode node) {
    this.ctx = parent.ctx;
    this.node = node;
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  /** The path of this position, e.g. {@code items[3].spec.ports[0].port}; built on first use. */
  String path() {
    String p = path;
    if (p == null) {
      p = key != null ? join(parent.path(), key) : parent.path() + "[" + index + "]";
      path = p;
    }
    return p;
  }

  static String join(String path, String key) {
    if (!isPlainKey(key)) {
      return path + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Letters, digits, '_', '$' and '-' only (and at least one): written after a dot, else in brackets. */
  private static boolean isPlainKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  Cursor field(String name) {
    JsonNode child = node != null && node.isObject() ? node.get(name) : null;
    return new Cursor(this, name, -1, child);
  }

  Cursor at(String... names) {
    Cursor c = this;
    for (String n : names) {
      c = c.field(n);
    }
    return c;
  }

  boolean isAbsent() {
    return isAbsent(node);
  }

  /**
   * Null, a JSON null or missing: by class, as {@link JsonNode#isNull()} and {@link JsonNode#isMissingNode()} answer
   * (only these classes answer true), without two calls on an interface many node classes implement.
   */
  static boolean isAbsent(JsonNode n) {
    return n == null || n instanceof NullNode || n instanceof MissingNode;
  }

  boolean isPresent() {
    return !isAbsent();
  }

  boolean isObject() {
    return node != null && node.isObject();
  }

  /** Present but null ({@code spec:} with nothing after it). */
  boolean isExplicitNull() {
    return node instanceof NullNode;
  }

  JsonNode raw() {
    return node;
  }

  void error(String message) {
    ctx.error(path(), message);
  }

  void warn(String message) {
    ctx.warn(path(), message);
  }

  void info(String message) {
    ctx.info(path(), message);
  }

  /** This node must be an object (or absent); otherwise an error. */
  boolean expectObject() {
    if (isAbsent() || node.isObject()) {
      return true;
    }
    error("expected a mapping, found " + describe(node));
    return false;
  }

  static String describe(JsonNode n) {
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isTextual()) {
      return "the string '" + n.asText() + "'";
    }
    return "'" + n.asText() + "'";
  }

  /** A scalar as text; an error for a list or mapping. */
  Optional<String> text() {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (node.isValueNode()) {
      return Optional.of(node.asText());
    }
    error("expected a string, found " + describe(node));
    return Optional.empty();
  }

  Optional<String> string(String field) {
    return field(field).text();
  }

  /** A non-empty string field, or an error naming it as missing. */
  String required(String field) {
    Cursor c = field(field);
    Optional<String> v = c.text();
    if (v.isEmpty() || v.get().isEmpty()) {
      if (c.isAbsent() || v.isPresent()) {
        c.error("missing " + field);
      }
      return "";
    }
    return v.get();
  }

  /** A non-empty string; empty strings count as absent. */
  Optional<String> nonEmpty(String field) {
    return string(field).filter(s -> !s.isEmpty());
  }

  /** An integer; a string or fraction is an error (the API takes integers). */
  OptionalInt integer() {
    if (isAbsent()) {
      return OptionalInt.empty();
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return OptionalInt.of(node.intValue());
    }
    error("expected an integer, found " + describe(node));
    return OptionalInt.empty();
  }

  OptionalInt integer(String field) {
    return field(field).integer();
  }

  /** A port number 0-65535 (1-65535 if {@code positive}). */
  OptionalInt port(String field, boolean positive) {
    Cursor c = field(field);
    OptionalInt v = c.integer();
    if (v.isPresent() && (v.getAsInt() < (positive ? 1 : 0) || v.getAsInt() > 65535)) {
      c.error("port " + v.getAsInt() + " is out of range " + (positive ? 1 : 0) + "-65535");
      return OptionalInt.empty();
    }
    return v;
  }

  Optional<Boolean> bool() {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    error("expected true or false, found " + describe(node));
    return Optional.empty();
  }

  boolean bool(String field, boolean dflt) {
    return field(field).bool().orElse(dflt);
  }

  /** The elements of a list; absent or null is empty; anything else is an error. */
  List<Cursor> items() {
    List<Cursor> out = new ArrayList<>();
    if (isAbsent()) {
      return out;
    }
    if (!node.isArray()) {
      error("expected a list, found " + describe(node));
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(new Cursor(this, null, i, node.get(i)));
    }
    return out;
  }

  List<Cursor> items(String field) {
    return field(field).items();
  }

  /** A list of strings. */
  List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    for (Cursor c : items(field)) {
      c.text().ifPresent(out::add);
    }
    return out;
  }

  /** Whether the value is a mapping; an error when it is present and something else. */
  private boolean isMapping() {
    if (isAbsent()) {
      return false;
    }
    if (!node.isObject()) {
      error("expected a mapping, found " + describe(node));
      return false;
    }
    return true;
  }

  /** The entries of a mapping, in order. */
  List<Map.Entry<String, Cursor>> entries() {
    List<Map.Entry<String, Cursor>> out = new ArrayList<>();
    if (!isMapping()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(Map.entry(e.getKey(), new Cursor(this, e.getKey(), -1, e.getValue())));
    }
    return out;
  }

  /**
   * A string-to-string mapping (labels, annotations, data). Non-string scalars are read as text with a warning
   * (the API server would reject them); lists and mappings are errors; null values read as "".
   */
  Map<String, String> stringMap(String field) {
    Cursor m = field(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (!m.isMapping()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = m.node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v == null || v instanceof NullNode) {
        out.put(e.getKey(), "");
      } else if (v.isTextual()) {
        out.put(e.getKey(), v.textValue());
      } else if (v.isValueNode()) {
        new Cursor(m, e.getKey(), -1, v).warn("value " + v.asText() + " is not a string; read as \"" + v.asText()
            + "\" (quote it: the API server only takes strings here)");
        out.put(e.getKey(), v.asText());
      } else {
        new Cursor(m, e.getKey(), -1, v).error("expected a string value, found " + describe(v));
      }
    }
    return out;
  }

  /** Parses text with a core parser, reporting its message. */
  <T> Optional<T> parse(Function<String, Validation<ModelError, T>> parser) {
    Optional<String> t = typedText();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Validation<ModelError, T> v = parser.apply(t.get());
    if (v.isInvalid()) {
      error(v.getError().message());
      return Optional.empty();
    }
    return Optional.of(v.get());
  }

  Optional<IpAddress> ip() {
    return parse(IpAddress::parse);
  }

  /** A CIDR (an address alone is a full-length prefix); an informational note when host bits are set. */
  Optional<IpPrefix> cidr() {
    Optional<IpPrefix> p = parse(IpPrefix::parse);
    if (p.isPresent()) {
      String t = text().orElse("").trim();
      int slash = t.indexOf('/');
      if (slash > 0) {
        Validation<ModelError, IpAddress> written = IpAddress.parse(t.substring(0, slash));
        if (written.isValid() && !written.get().equals(p.get().network())) {
          info("CIDR '" + t + "' has host bits set; read as " + p.get());
        }
      }
    }
    return p;
  }

  /** A Kubernetes protocol name (TCP, UDP, SCTP, exactly), defaulting to TCP when absent. */
  Protocol protocol() {
    Optional<String> t = text();
    if (t.isEmpty()) {
      return Protocol.TCP;
    }
    switch (t.get()) {
      case "TCP":
        return Protocol.TCP;
      case "UDP":
        return Protocol.UDP;
      case "SCTP":
        return Protocol.SCTP;
      default:
        error("invalid protocol '" + t.get() + "': expected TCP, UDP or SCTP");
        return Protocol.TCP;
    }
  }

  /** An {@code IntOrString} port: an integer, or a port name (a digit string is an error, as in the API). */
  Optional<PortRef> portRef() {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 65535) {
        error("port " + node.asText() + " is out of range 0-65535");
        return Optional.empty();
      }
      return Optional.of(PortRef.number(node.intValue()));
    }
    if (node.isTextual()) {
      String s = node.asText();
      if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        error("port '" + s + "' is a string of digits: write the number without quotes, or a port name");
        return Optional.empty();
      }
      if (!PortRef.isValidPortName(s)) {
        error("invalid port name '" + s + "': lower-case letters, digits and '-', at most 15 characters, "
            + "at least one letter");
        return Optional.empty();
      }
      return Optional.of(PortRef.name(s));
    }
    error("expected a port number or name, found " + describe(node));
    return Optional.empty();
  }

  /** An enum value by its API name. */
  /**
   * {@link #text()} of a typed value (an address, a port, a policy): one holding a control character is an error, not
   * trimmed into a valid value by the parser.
   */
  private Optional<String> typedText() {
    Optional<String> t = text();
    if (t.isPresent() && SafeText.hasControl(t.get())) {
      error("invalid value '" + t.get() + "': it holds a control character (shown escaped), which no valid value does");
      return Optional.empty();
    }
    return t;
  }

  <E> Optional<E> enumValue(Function<String, Optional<E>> byName, String expected) {
    Optional<String> t = typedText();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Optional<E> e = byName.apply(t.get());
    if (e.isEmpty()) {
      error("invalid value '" + t.get() + "': expected " + expected);
    }
    return e;
  }
}
