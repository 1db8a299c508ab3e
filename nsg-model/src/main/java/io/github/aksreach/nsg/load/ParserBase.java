package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.ResourceId;
import io.vavr.Tuple2;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every part of the Azure parser shares: the file being read, where problems go, and the readers of references,
 * optional values, flags and prefixes.
 */
abstract class ParserBase {
  /**
   * Whether {@code t} reads as a service tag rather than an address: an ASCII letter, then ASCII letters, digits,
   * {@code _}, {@code .} or {@code -} (the language of {@code [A-Za-z][A-Za-z0-9_.-]*}, read in one pass: it is asked
   * of every address of every rule).
   */
  static boolean tagLike(String t) {
    if (t.isEmpty() || !letter(t.charAt(0))) {
      return false;
    }
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean letter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  final Collected out;
  final Problems problems;
  final String file;

  ParserBase(Collected out, Problems problems, String file) {
    this.out = out;
    this.problems = problems;
    this.file = file;
  }

  Ident ident(J r, AzureKind k, Optional<Tuple2<AzureKind, ResourceId>> parent) {
    Ident i = new Ident();
    Validation<ModelError, String> name = r.field("name").reqStr();
    i.name = problems.take1(name).orElseGet(() -> r.field("name").present() ? r.field("name").asText()
        : "<unnamed>");
    J idField = r.topField("id", r.path() + ".id");     // Azure PowerShell: Id, or ResourceId of Get-AzResource
    J idNode = idField.exists() ? idField : r.topField("resourceId", r.path() + ".ResourceId");
    Optional<ResourceId> explicit = problems.take1(idNode.str()).orElse(Optional.empty()).map(ResourceId::of);
    boolean child = k == AzureKind.SUBNET || k == AzureKind.RULE || k == AzureKind.DEFAULT_RULE || k == AzureKind.ROUTE;
    if (explicit.isPresent()) {
      i.id = explicit.get();
      if (child) {
        i.parent = i.id.parent();
      }
    } else if (parent.isPresent()) {
      i.parent = Optional.of(parent.get()._2);
      i.id = parent.get()._2.child(k.type.substring(k.type.lastIndexOf('/') + 1), i.name);
    } else if (child && i.name.contains("/")) {
      // a top-level template child resource: name "parent/child"
      String parentName = i.name.substring(0, i.name.indexOf('/'));
      String parentType = k.type.substring(0, k.type.lastIndexOf('/'));
      i.parent = Optional.of(ResourceId.synthetic(parentType, parentName));
      i.name = i.name.substring(i.name.indexOf('/') + 1);
      i.id = i.parent.get().child(k.type.substring(k.type.lastIndexOf('/') + 1), i.name);
    } else {
      i.id = ResourceId.synthetic(k.type, i.name);
      if (child) {
        problems.error(file, r.path(), "child resource '" + i.name + "' of type " + k.type
            + " has neither an id nor a 'parent/child' name: cannot tell which resource it belongs to");
      }
    }
    if (!name.isInvalid() && name.get().contains("/") && !child) {
      i.name = i.id.name();
    }
    return i;
  }

  Optional<ResourceId> ref(J parent, String field) {
    J f = parent.field(field);
    if (!f.present()) {
      return Optional.empty();
    }
    if (f.isTextual()) {
      return problems.take1(f.str()).orElse(Optional.empty()).map(ResourceId::of);
    }
    return problems.take1(f.field("id").str()).orElse(Optional.empty()).map(ResourceId::of);
  }

  List<ResourceId> refs(J parent, String field) {
    List<ResourceId> ids = new ArrayList<>();
    for (J e : problems.take1(parent.field(field).arr()).orElse(List.of())) {
      if (e.present() && e.isTextual()) {
        problems.take1(e.str()).orElse(Optional.empty()).map(ResourceId::of).ifPresent(ids::add);
      } else {
        problems.take1(e.field("id").str()).orElse(Optional.empty()).map(ResourceId::of).ifPresent(ids::add);
      }
    }
    return ids;
  }

  <T> Optional<T> optional(J j, Function<String, Validation<ModelError, T>> parse) {
    Optional<String> s = problems.take1(j.str()).orElse(Optional.empty());
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Validation<ModelError, T> v = parse.apply(s.get());
    if (v.isInvalid()) {
      problems.error(file, j.path(), v.getError().message());
      return Optional.empty();
    }
    return Optional.of(v.get());
  }

  Optional<Integer> optInt(J j) {
    return problems.take1(j.integer()).orElse(Optional.empty()).map(Long::intValue);
  }

  boolean flag(J j, boolean dflt) {
    return problems.take1(j.bool()).orElse(Optional.empty()).orElse(dflt);
  }

  List<IpPrefix> prefixes(J singular, J plural) {
    List<IpPrefix> out = new ArrayList<>();
    optional(singular, IpPrefix::parse).ifPresent(out::add);
    for (J e : problems.take(plural.strings()).orElse(List.of())) {
      Validation<ModelError, IpPrefix> p = IpPrefix.parse(e.text());
      if (p.isInvalid()) {
        problems.error(file, e.path(), p.getError().message());
      } else {
        out.add(p.get());
      }
    }
    return out;
  }

  static <T> Validation<ModelError, T> located(Validation<ModelError, T> v, J at) {
    return v.isValid() ? v : Validation.invalid(new ModelError(at.file, at.path(), v.getError().message()));
  }

  Optional<ResourceId> childId(J j, ResourceId parent, String type, String name) {
    Optional<ResourceId> explicit = problems.take1(j.field("id").str()).orElse(Optional.empty()).map(ResourceId::of);
    return explicit.or(() -> Optional.of(parent.child(type, name)));
  }

  static List<IpPrefix> dedupe(List<IpPrefix> all) {
    List<IpPrefix> out = new ArrayList<>();
    for (IpPrefix p : all) {
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }
}
