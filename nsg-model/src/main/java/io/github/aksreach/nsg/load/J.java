package io.github.aksreach.nsg.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A located JSON node: the node (maybe missing), its file and JSON path. Field lookups see through Azure's two
 * shapes: a field is looked up on the object itself, then under its {@code properties} (REST/ARM nesting), exactly
 * and then ignoring case. Every string read is checked for unresolved ARM template expressions.
 */
final class J {
  final JsonNode node;
  final String file;
  /** The path, or null until {@link #path()} builds it from {@link #parent} and {@link #key} or {@link #index}. */
  private String path;
  private final J parent;
  private final String key;
  private final String key2;
  private final int index;
  /** {@link #properties()}, once looked up. */
  private boolean propsLooked;
  private JsonNode props;
  /** The key {@link #props} is under, as written. */
  private String propsName;

  J(JsonNode node, String file, String path) {
    this.node = node;
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
  private J(JsonNode node, J parent, String key, String key2, int index) {
    this.node = node;
    this.file = parent.file;
    this.parent = parent;
    this.key = key;
    this.key2 = key2;
    this.index = index;
  }

  /** Element {@code index} of the array at {@code list} (its path built when asked for). */
  static J element(J list, JsonNode node, int index) {
    return new J(node, list, null, null, index);
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

  /** True if the node exists and is not JSON null. */
  boolean present() {
    // by class, as isMissingNode() and isNull() answer, without two calls on an interface many node classes implement
    return node != null && !(node instanceof MissingNode) && !(node instanceof NullNode);
  }

  boolean isObject() {
    return present() && node.isObject();
  }

  boolean isArray() {
    return present() && node.isArray();
  }

  ModelError err(String format, Object... args) {
    return new ModelError(file, path(), String.format(format, args));
  }

  /** The field {@code name}: on the object, else under {@code properties}; exact, else ignoring case. */
  J field(String name) {
    if (isObject()) {
      JsonNode v = node.get(name);
      if (v != null && !(v instanceof NullNode)) {
        return new J(v, this, name, null, -1);
      }
      JsonNode props = properties();
      if (props != null && props.isObject()) {
        JsonNode pv = props.get(name);
        if (pv != null && !(pv instanceof NullNode)) {
          return new J(pv, this, propsName, name, -1);
        }
      }
      J ci = ignoringCase(node, name, this, null);
      if (ci != null) {
        return ci;
      }
      if (props != null && props.isObject()) {
        J pci = ignoringCase(props, name, this, propsName);
        if (pci != null) {
          return pci;
        }
      }
    }
    return new J(null, this, name, null, -1);
  }

  /** The field {@code name} of {@code obj}: exact, else ignoring case (Azure PowerShell's {@code Properties}). */
  static JsonNode topField(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode v = obj.get(name);
    if (v != null) {
      return v;
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String keyIgnoringCase(JsonNode obj, String name) {
    Iterator<String> it = obj.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return name;
  }

  /** {@code obj}'s field {@code name} ignoring case; {@code obj} is this node, or its field {@code under}. */
  private static J ignoringCase(JsonNode obj, String name, J self, String under) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
        return under == null ? new J(e.getValue(), self, e.getKey(), null, -1)
            : new J(e.getValue(), self, under, e.getKey(), -1);
      }
    }
    return null;
  }

  /**
   * This object's {@code properties} ({@link #topField}: exact, else ignoring case), looked up once per position: a
   * resource's fields are read one after another, each looked up there when the object lacks it.
   */
  private JsonNode properties() {
    if (!propsLooked) {
      props = topField(node, "properties");
      propsName = node.has("properties") || props == null ? "properties" : keyIgnoringCase(node, "properties");
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
    if (node.isTextual()) {
      String s = node.textValue();
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
    if (node.isNumber() || node.isBoolean()) {
      return Validation.valid(Optional.of(node.asText()));
    }
    return Validation.invalid(err("expected a string, found %s", kind()));
  }

  /** A required string. */
  Validation<ModelError, String> reqStr() {
    Validation<ModelError, Optional<String>> s = str();
    if (s.isInvalid()) {
      return Validation.invalid(s.getError());
    }
    return s.get().map(Validation::<ModelError, String>valid)
        .orElseGet(() -> Validation.invalid(err("missing required value")));
  }

  /** An optional integer (JSON number or numeric string). */
  Validation<ModelError, Optional<Long>> integer() {
    if (present() && node.isIntegralNumber()) {
      return Validation.valid(Optional.of(node.longValue()));
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
    if (present() && node.isBoolean()) {
      return Validation.valid(Optional.of(node.booleanValue()));
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
    if (node.isTextual() && isExpression(node.textValue())) {
      return Validation.invalid(expressionError(node.textValue()));
    }
    if (!node.isArray()) {
      return Validation.invalid(err("expected an array, found %s", kind()));
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(new J(node.get(i), this, null, null, i));
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
    return node.asText().trim();
  }

  String kind() {
    if (!present()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "the string '" + node.textValue() + "'";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + node.asText();
  }
}
