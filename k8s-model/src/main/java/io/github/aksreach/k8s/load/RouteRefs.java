package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.ValueMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parts every Gateway API route shares, read from a route's spec: parentRefs, hostnames, header and query value
 * matches (with their regular expressions checked), backendRefs. Errors go to the cursor's context with the path.
 *
 * <pre>{@code
 * List<ParentRef> parents = RouteRefs.parentRefs(spec);
 * List<BackendRef> backends = RouteRefs.backendRefs(rule.field("backendRefs"));
 * }</pre>
 */
final class RouteRefs {
  private RouteRefs() {}

  static List<ParentRef> parentRefs(Cursor spec) {
    List<ParentRef> refs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Cursor p : spec.items("parentRefs")) {
      String name = p.required("name");
      OptionalInt port = p.port("port", true);
      ParentRef r = new ParentRef(p.string("group").orElse(GatewayApiReader.GATEWAY_GROUP), p.nonEmpty("kind").orElse("Gateway"),
          p.nonEmpty("namespace"), name, p.nonEmpty("sectionName"), port);
      if (!seen.add(r.group() + "/" + r.kind() + "/" + r.namespace().orElse("") + "/" + name + "/"
          + r.sectionName().orElse("") + "/" + (port.isPresent() ? port.getAsInt() : ""))) {
        p.error("duplicate parentRef " + r + ": references to one parent need distinct sectionName or port");
      }
      refs.add(r);
    }
    return refs;
  }

  static List<String> hostnames(Cursor spec) {
    List<String> out = new ArrayList<>();
    for (Cursor h : spec.items("hostnames")) {
      GatewayApiReader.hostname(h).ifPresent(out::add);
    }
    return out;
  }

  static List<ValueMatch> valueMatches(Cursor list) {
    List<ValueMatch> out = new ArrayList<>();
    for (Cursor h : list.items()) {
      Optional<ValueMatch.Type> type = GatewayApiReader.enumField(h.field("type"), ValueMatch.Type.values(), ValueMatch.Type.EXACT);
      String name = h.required("name");
      Optional<String> value = h.string("value");
      if (value.isEmpty()) {
        h.field("value").error("missing value");
      }
      if (type.isPresent() && value.isPresent() && !name.isEmpty()) {
        if (type.get() == ValueMatch.Type.REGULAR_EXPRESSION && !compiles(h.field("value"), value.get())) {
          continue;
        }
        out.add(new ValueMatch(type.get(), name, value.get()));
      }
    }
    return out;
  }

  static boolean compiles(Cursor c, String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      c.error("invalid regular expression '" + regex + "': " + e.getDescription());
      return false;
    }
  }

  static List<BackendRef> backendRefs(Cursor list) {
    List<BackendRef> out = new ArrayList<>();
    for (Cursor r : list.items()) {
      backendRef(r).ifPresent(out::add);
    }
    return out;
  }

  static Optional<BackendRef> backendRef(Cursor r) {
    int before = r.ctx.errorCount();
    String name = r.required("name");
    String group = r.string("group").orElse("");
    String kind = r.nonEmpty("kind").orElse("Service");
    OptionalInt port = r.port("port", true);
    if (group.isEmpty() && kind.equals("Service") && r.field("port").isAbsent()) {
      r.field("port").error("backendRef to Service '" + name + "' has no port (required for a Service)");
    }
    OptionalInt weight = r.integer("weight");
    if (weight.isPresent() && (weight.getAsInt() < 0 || weight.getAsInt() > 1_000_000)) {
      r.field("weight").error("weight " + weight.getAsInt() + " is out of range 0-1000000");
    }
    if (!GatewayApiReader.ok(r, before)) {
      return Optional.empty();
    }
    return Optional.of(new BackendRef(group, kind, name, r.nonEmpty("namespace"), port, weight.orElse(1)));
  }
}
