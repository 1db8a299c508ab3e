package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.Tape;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.nsg.model.Provenance;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A position in a parsed YAML/JSON value (a {@link Tape}: one made from a tree, or read straight from a large List's
 * bytes) with its path, reading typed values and reporting every problem to the {@link ReadContext} (never throwing,
 * never returning null). The path is built only when asked for (a message or a provenance needs it): a cursor keeps
 * its parent and its key or index, so reading a field costs no string.
 */
final class Cursor {
  final ReadContext ctx;
  private final Tape tape;
  /** The entry in {@link #tape}, or {@link Tape#ABSENT} for a field the mapping lacks. */
  private final int at;
  /** The parent, or null for a root cursor (whose path is given). */
  private final Cursor parent;
  /** The field name under the parent, or null for a list element (then {@link #index}). */
  private final String key;
  private final int index;
  private String path;

  /** A root cursor on a tree ({@code node} null or missing: nothing there). */
  Cursor(ReadContext ctx, String path, JsonNode node) {
    this(ctx, path, Tape.of(node));
  }

  /** A root cursor on a tape's value. */
  Cursor(ReadContext ctx, String path, Tape tape) {
    this.ctx = ctx;
    this.path = path;
    this.tape = tape;
    this.at = tape.root();
    this.parent = null;
    this.key = null;
    this.index = -1;
  }

  private Cursor(Cursor parent, String key, int index, int at) {
    this(parent, parent.tape, key, index, at);
  }

  private Cursor(Cursor parent, Tape tape, String key, int index, int at) {
    this.ctx = parent.ctx;
    this.tape = tape;
    this.at = at;
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  /**
   * Element {@code index} of {@code list}: the root of {@code item}, a tape of its own (a large List's item read from
   * its bytes), whose path is built when asked for.
   */
  static Cursor element(Cursor list, int index, Tape item) {
    return new Cursor(list, item, null, index, item.root());
  }

  /**
   * Where this value is in its file: for a list's element, a provenance that writes its path only when asked for (a
   * dump of 100,000 pods holds no 100,000 texts {@code items[i]}).
   */
  Provenance provenance() {
    if (key == null && parent != null && path == null) {
      return Provenance.item(ctx.file, parent.path(), index);
    }
    return new Provenance(ctx.file, path());
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
    return new Cursor(this, name, -1, tape.member(at, name));
  }

  Cursor at(String... names) {
    Cursor c = this;
    for (String n : names) {
      c = c.field(n);
    }
    return c;
  }

  /** Nothing there, or a JSON null. */
  boolean isAbsent() {
    return tape.kind(at) == Tape.NULL || at == Tape.ABSENT;
  }

  /** Nothing there at all (not even a null). */
  boolean isMissing() {
    return at == Tape.ABSENT;
  }

  boolean isPresent() {
    return !isAbsent();
  }

  boolean isObject() {
    return is(Tape.OBJECT);
  }

  boolean isArray() {
    return is(Tape.ARRAY);
  }

  boolean isTextual() {
    return is(Tape.STRING);
  }

  /** A scalar or a null, as {@link JsonNode#isValueNode()} answers (false when nothing is there). */
  boolean isValueNode() {
    byte k = tape.kind(at);
    return k != Tape.MISSING && k != Tape.OBJECT && k != Tape.ARRAY;
  }

  private boolean is(byte kind) {
    return tape.kind(at) == kind;
  }

  /** The members of a mapping or list (0 for anything else). */
  int size() {
    return tape.size(at);
  }

  /** A scalar's text as {@link JsonNode#asText()} gives it ("null" for a null; "" for a mapping, a list or nothing). */
  String asText() {
    return tape.asText(at);
  }

  /** Present but null ({@code spec:} with nothing after it). */
  boolean isExplicitNull() {
    return is(Tape.NULL);
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
    if (isAbsent() || isObject()) {
      return true;
    }
    error("expected a mapping, found " + describe());
    return false;
  }

  /** What is here, for a message: "a list", "a mapping", "the string 'x'", "'8080'" (something must be here). */
  String describe() {
    if (isArray()) {
      return "a list";
    }
    if (isObject()) {
      return "a mapping";
    }
    if (isTextual()) {
      return "the string '" + asText() + "'";
    }
    return "'" + asText() + "'";
  }

  /** A scalar as text; an error for a list or mapping. */
  Optional<String> text() {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (isValueNode()) {
      return Optional.of(tape.asText(at));
    }
    error("expected a string, found " + describe());
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
    JsonNode n = scalar();
    if (n != null && n.isIntegralNumber() && n.canConvertToInt()) {
      return OptionalInt.of(n.intValue());
    }
    error("expected an integer, found " + describe());
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
    JsonNode n = scalar();
    if (n != null && n.isBoolean()) {
      return Optional.of(n.booleanValue());
    }
    error("expected true or false, found " + describe());
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
    if (!isArray()) {
      error("expected a list, found " + describe());
      return out;
    }
    int i = 0;
    for (int e = at + 1, end = tape.next(at); e < end; e = tape.next(e)) {
      out.add(new Cursor(this, null, i++, e));
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
    if (!isObject()) {
      error("expected a mapping, found " + describe());
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
    for (int e = at + 1, end = tape.next(at); e < end; e = tape.next(e)) {
      String k = tape.key(e);
      out.add(Map.entry(k, new Cursor(this, k, -1, e)));
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
    Tape t = m.tape;
    for (int e = m.at + 1, end = t.next(m.at); e < end; e = t.next(e)) {
      String k = t.key(e);
      byte kind = t.kind(e);
      if (kind == Tape.NULL) {
        out.put(k, "");
      } else if (kind == Tape.STRING) {
        out.put(k, t.text(e));
      } else if (kind == Tape.SCALAR) {
        String v = t.asText(e);
        new Cursor(m, k, -1, e).warn("value " + v + " is not a string; read as \"" + v
            + "\" (quote it: the API server only takes strings here)");
        out.put(k, v);
      } else {
        Cursor c = new Cursor(m, k, -1, e);
        c.error("expected a string value, found " + c.describe());
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
      if (IpPrefix.hasHostBits(t)) {
        info("CIDR '" + t + "' has host bits set; read as " + p.get());
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
    JsonNode n = scalar();
    if (n != null && n.isIntegralNumber()) {
      if (!n.canConvertToInt() || n.intValue() < 0 || n.intValue() > 65535) {
        error("port " + n.asText() + " is out of range 0-65535");
        return Optional.empty();
      }
      return Optional.of(PortRef.number(n.intValue()));
    }
    if (isTextual()) {
      String s = tape.text(at);
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
    error("expected a port number or name, found " + describe());
    return Optional.empty();
  }

  /** The node of a number, boolean or embedded bytes here, else null. */
  private JsonNode scalar() {
    return is(Tape.SCALAR) ? tape.scalar(at) : null;
  }

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

  /** An enum value by its API name. */
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
