package io.github.aksreach.nsg.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.Tape;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.Provenance;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Optional;

/**
 * A located JSON value: an entry of a {@link Tape} (maybe missing), its file and JSON path. Field lookups see through
 * Azure's two shapes: a field is looked up on the object itself, then under its {@code properties} (REST/ARM
 * nesting), exactly and then ignoring case. Every string read is checked for unresolved ARM template expressions.
 */
final class J {
  private final Tape tape;
  /** The entry in {@link #tape}, or {@link Tape#ABSENT}. */
  private final int at;
  final String file;
  /** The path, or null until {@link #path()} builds it from {@link #parent} and {@link #key} or {@link #index}. */
  private String path;
  private final J parent;
  private final String key;
  private final String key2;
  private final int index;
  /** {@link #properties()}, once looked up. */
  private boolean propsLooked;
  private int props = Tape.ABSENT;

  /** A value of a tree at {@code path} ({@code node} null: nothing there). */
  J(JsonNode node, String file, String path) {
    this(Tape.of(node), file, path);
  }

  /** Nothing, at {@code path} (what a message about a place names). */
  static J nothing(String file, String path) {
    return new J((JsonNode) null, file, path);
  }

  /** The value of a tape, at {@code path}. */
  J(Tape tape, String file, String path) {
    this(tape, tape.root(), file, path);
  }

  /** Entry {@code at} of a tape, at {@code path}. */
  J(Tape tape, int at, String file, String path) {
    this.tape = tape;
    this.at = at;
    this.file = file;
    this.path = path;
    this.parent = null;
    this.key = null;
    this.key2 = null;
    this.index = -1;
  }

  /**
   * A child of {@code parent}: its field {@code key} (then {@code key2} under it, when not null), or its element
   * {@code index} when {@code key} is null. Its path is built only when asked for (a message or a provenance), so a
   * field read costs no string.
   */
  private J(int at, J parent, String key, String key2, int index) {
    this(parent.tape, at, parent, key, key2, index);
  }

  private J(Tape tape, int at, J parent, String key, String key2, int index) {
    this.tape = tape;
    this.at = at;
    this.file = parent.file;
    this.parent = parent;
    this.key = key;
    this.key2 = key2;
    this.index = index;
  }

  /** Element {@code index} of the list at {@code list}: the root of {@code item} (its path built when asked for). */
  static J element(J list, Tape item, int index) {
    return new J(item, item.root(), list, null, null, index);
  }

  /** The JSON path, e.g. {@code [0].properties.securityRules[3].priority}. */
  String path() {
    String p = path;
    if (p == null) {
      p = key == null ? parent.path() + "[" + index + "]" : childPath(parent.path(), key);
      if (key2 != null) {
        p = childPath(p, key2);
      }
      path = p;
    }
    return p;
  }

  /**
   * Where this value is in its file: for a list's element, a provenance that writes its path only when asked for
   * (50,000 NICs hold no 50,000 texts {@code $[i]}).
   */
  Provenance provenance() {
    if (key == null && parent != null && path == null) {
      return Provenance.item(file, parent.path(), index);
    }
    return new Provenance(file, path());
  }

  static String childPath(String path, String name) {
    return isSimple(name) ? path + "." + name : path + "['" + name.replace("'", "\\'") + "']";
  }

  /** A name written after a dot: a letter, '_' or '$', then letters, digits, '_' or '$'. */
  private static boolean isSimple(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** True if the value exists and is not JSON null. */
  boolean present() {
    return present(at);
  }

  private boolean present(int entry) {
    byte k = tape.kind(entry);
    return k != Tape.NULL && k != Tape.MISSING;
  }

  boolean isObject() {
    return tape.kind(at) == Tape.OBJECT;
  }

  boolean isArray() {
    return tape.kind(at) == Tape.ARRAY;
  }

  boolean isTextual() {
    return tape.kind(at) == Tape.STRING;
  }

  /** The members of an object or array (0 for anything else). */
  int size() {
    return tape.size(at);
  }

  /** The text of a scalar as {@link JsonNode#asText()} gives it ("" when nothing is there). */
  String asText() {
    return tape.asText(at);
  }

  /** Whether this object has the key {@code name}, exactly (its value may be null). */
  boolean has(String name) {
    return tape.member(at, name) != Tape.ABSENT;
  }

  /** The value under the key {@code name}, exactly, null included (nothing when absent), with its path. */
  J exact(String name) {
    return new J(tape.member(at, name), this, name, null, -1);
  }

  /** The members of this object, in order, each with its path (none for anything else). */
  java.util.List<J> members() {
    java.util.List<J> out = new ArrayList<>();
    if (isObject()) {
      for (int m = at + 1, end = tape.next(at); m < end; m = tape.next(m)) {
        out.add(new J(m, this, tape.key(m), null, -1));
      }
    }
    return out;
  }

  /** The key of this member of an object (its name as written; null for an element or a root). */
  String name() {
    return key2 != null ? key2 : key;
  }

  /** Whether something is here, a null included. */
  boolean exists() {
    return at != Tape.ABSENT;
  }

  /** The text of {@link #topField}{@code (name)} when it is a string. */
  Optional<String> topText(String name) {
    int t = topField(at, name);
    return tape.kind(t) == Tape.STRING ? Optional.of(tape.text(t)) : Optional.empty();
  }

  ModelError err(String format, Object... args) {
    return new ModelError(file, path(), String.format(format, args));
  }

  /** The field {@code name}: on the object, else under {@code properties}; exact, else ignoring case. */
  J field(String name) {
    if (isObject()) {
      int v = tape.member(at, name);
      if (present(v)) {
        return new J(v, this, name, null, -1);
      }
      int props = properties();
      if (tape.kind(props) == Tape.OBJECT) {
        int pv = tape.member(props, name);
        if (present(pv)) {
          return new J(pv, this, tape.key(props), name, -1);   // under properties as written
        }
      }
      J ci = ignoringCase(at, name, null);
      if (ci != null) {
        return ci;
      }
      if (tape.kind(props) == Tape.OBJECT) {
        J pci = ignoringCase(props, name, tape.key(props));
        if (pci != null) {
          return pci;
        }
      }
    }
    return new J(Tape.ABSENT, this, name, null, -1);
  }

  /**
   * The field {@code name} of this object, null included: exact, else ignoring case (Azure PowerShell's
   * {@code Properties}), at {@code path}; nothing there when this is no object or has no such key.
   */
  J topField(String name, String path) {
    return new J(tape, topField(at, name), file, path);
  }

  private int topField(int obj, String name) {
    if (tape.kind(obj) != Tape.OBJECT) {
      return Tape.ABSENT;
    }
    int v = tape.member(obj, name);
    return v != Tape.ABSENT ? v : memberIgnoringCase(obj, name, true);
  }

  /** Object {@code obj}'s first member whose key is {@code name} ignoring case (a null one only {@code orNull}). */
  private int memberIgnoringCase(int obj, String name, boolean orNull) {
    for (int m = obj + 1, end = tape.next(obj); m < end; m = tape.next(m)) {
      if (tape.key(m).equalsIgnoreCase(name) && (orNull || tape.kind(m) != Tape.NULL)) {
        return m;
      }
    }
    return Tape.ABSENT;
  }

  /** Object {@code obj}'s field {@code name} ignoring case; {@code obj} is this value, or its field {@code under}. */
  private J ignoringCase(int obj, String name, String under) {
    int m = memberIgnoringCase(obj, name, false);
    if (m == Tape.ABSENT) {
      return null;
    }
    return under == null ? new J(m, this, tape.key(m), null, -1) : new J(m, this, under, tape.key(m), -1);
  }

  /**
   * This object's {@code properties} ({@link #topField}: exact, else ignoring case), looked up once per position: a
   * resource's fields are read one after another, each looked up there when the object lacks it.
   */
  private int properties() {
    if (!propsLooked) {
      props = topField(at, "properties");
      propsLooked = true;
    }
    return props;
  }

  /** A path through nested fields: {@code at("networkProfile", "podCidr")}. */
  J at(String... names) {
    J j = this;
    for (String n : names) {
      j = j.field(n);
    }
    return j;
  }

  static boolean isExpression(String s) {
    String t = s.trim();
    return t.startsWith("[") && !t.startsWith("[[") && t.endsWith("]");
  }

  ModelError expressionError(String expr) {
    return err("unresolved ARM template expression '%s': aksreach reads literal values only; deploy the template"
        + " and load the az CLI output of the resources, or replace the expression with its value", expr);
  }

  /**
   * The string value: empty when absent, null or {@code ""}; numbers and booleans as text; an error for an ARM
   * expression, an object or an array.
   */
  Validation<ModelError, Optional<String>> str() {
    if (!present()) {
      return Validation.valid(Optional.empty());
    }
    if (isTextual()) {
      String s = tape.text(at);
      if (isExpression(s)) {
        return Validation.invalid(expressionError(s));
      }
      if (io.github.aksreach.core.model.SafeText.hasControl(s)) {
        // trim() would drop one at either end in silence ("\u001bTcp" read as Tcp); no Azure value holds one
        return Validation.invalid(err("invalid value '%s': it holds a control character (shown escaped), which no"
            + " valid value does", s));
      }
      return Validation.valid(s.isBlank() ? Optional.empty() : Optional.of(s.trim()));
    }
    if (tape.kind(at) == Tape.SCALAR && (tape.scalar(at).isNumber() || tape.scalar(at).isBoolean())) {
      return Validation.valid(Optional.of(tape.asText(at)));
    }
    return Validation.invalid(err("expected a string, found %s", kind()));
  }

  /** A required string. */
  Validation<ModelError, String> reqStr() {
    Validation<ModelError, Optional<String>> s = str();
    if (s.isInvalid()) {
      return Validation.invalid(s.getError());
    }
    return s.get().isPresent() ? Validation.valid(s.get().get()) : Validation.invalid(err("missing required value"));
  }

  /** An optional integer (JSON number or numeric string). */
  Validation<ModelError, Optional<Long>> integer() {
    if (tape.kind(at) == Tape.SCALAR && tape.scalar(at).isIntegralNumber()) {
      return Validation.valid(Optional.of(tape.scalar(at).longValue()));
    }
    Validation<ModelError, Optional<String>> s = str();
    if (s.isInvalid()) {
      return Validation.invalid(s.getError());
    }
    if (s.get().isEmpty()) {
      return Validation.valid(Optional.empty());
    }
    try {
      return Validation.valid(Optional.of(Long.parseLong(s.get().get())));
    } catch (NumberFormatException e) {
      return Validation.invalid(err("expected an integer, found '%s'", s.get().get()));
    }
  }

  /** An optional boolean (JSON boolean or "true"/"false"). */
  Validation<ModelError, Optional<Boolean>> bool() {
    if (tape.kind(at) == Tape.SCALAR && tape.scalar(at).isBoolean()) {
      return Validation.valid(Optional.of(tape.scalar(at).booleanValue()));
    }
    Validation<ModelError, Optional<String>> s = str();
    if (s.isInvalid()) {
      return Validation.invalid(s.getError());
    }
    if (s.get().isEmpty()) {
      return Validation.valid(Optional.empty());
    }
    String t = s.get().get();
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
      return Validation.valid(Optional.of(Boolean.parseBoolean(t)));
    }
    return Validation.invalid(err("expected true or false, found '%s'", t));
  }

  /** The elements of an array: empty when absent or null; an error for an ARM expression or a non-array. */
  Validation<ModelError, java.util.List<J>> arr() {
    java.util.List<J> out = new ArrayList<>();
    if (!present()) {
      return Validation.valid(out);
    }
    if (isTextual() && isExpression(tape.text(at))) {
      return Validation.invalid(expressionError(tape.text(at)));
    }
    if (!isArray()) {
      return Validation.invalid(err("expected an array, found %s", kind()));
    }
    int i = 0;
    for (int e = at + 1, end = tape.next(at); e < end; e = tape.next(e)) {
      out.add(new J(e, this, null, null, i++));
    }
    return Validation.valid(out);
  }

  /** The non-empty strings of an array, each with its location. */
  Validation<Seq<ModelError>, java.util.List<J>> strings() {
    Validation<ModelError, java.util.List<J>> a = arr();
    if (a.isInvalid()) {
      return Validation.invalid(List.of(a.getError()));
    }
    java.util.List<J> out = new ArrayList<>();
    Seq<ModelError> errors = List.empty();
    for (J e : a.get()) {
      Validation<ModelError, Optional<String>> s = e.str();
      if (s.isInvalid()) {
        errors = errors.append(s.getError());
      } else if (s.get().isPresent()) {
        out.add(e);
      }
    }
    return errors.isEmpty() ? Validation.valid(out) : Validation.invalid(errors);
  }

  /** The text of a node known to hold a valid string (see {@link #strings()}). */
  String text() {
    return tape.asText(at).trim();
  }

  String kind() {
    if (!present()) {
      return "nothing";
    }
    if (isObject()) {
      return "an object";
    }
    if (isArray()) {
      return "an array";
    }
    if (isTextual()) {
      return "the string '" + tape.text(at) + "'";
    }
    return tape.scalar(at).getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + tape.asText(at);
  }
}
