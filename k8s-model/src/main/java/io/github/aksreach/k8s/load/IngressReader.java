package io.github.aksreach.k8s.load;

import static io.github.aksreach.k8s.load.ObjectReader.annotations;
import static io.github.aksreach.k8s.load.ObjectReader.creationTimestamp;
import static io.github.aksreach.k8s.load.ObjectReader.labels;
import static io.github.aksreach.k8s.load.ObjectReader.name;
import static io.github.aksreach.k8s.load.ObjectReader.namespace;

import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.IngressTls;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.nsg.model.Provenance;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Ingresses (networking.k8s.io/v1 and v1beta1) and IngressClasses, for {@link ObjectReader}.
 */
final class IngressReader {
  private final ReadContext ctx;
  private final ClusterAccumulator out;

  IngressReader(ReadContext ctx, ClusterAccumulator out) {
    this.ctx = ctx;
    this.out = out;
  }

  private boolean ok(int before) {
    return ctx.errorCount() == before;
  }

  private Optional<IngressBackend> backend(Cursor c, boolean v1) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    if (v1) {
      Cursor svc = c.field("service");
      Cursor res = c.field("resource");
      if (svc.isPresent() == res.isPresent()) {
        c.error("a backend needs exactly one of service or resource");
        return Optional.empty();
      }
      if (res.isPresent()) {
        return Optional.of(IngressBackend.builder().resource(ObjectRef.of(res.string("kind").orElse(""), "",
            res.string("name").orElse(""))).build());
      }
      String name = svc.required("name");
      Cursor port = svc.field("port");
      Optional<PortRef> ref = Optional.empty();
      if (port.field("number").isPresent() && port.field("name").isPresent()) {
        port.error("set port.number or port.name, not both");
      } else if (port.field("number").isPresent()) {
        OptionalInt n = port.port("number", true);
        ref = n.isPresent() ? Optional.of(PortRef.number(n.getAsInt())) : Optional.empty();
      } else if (port.field("name").isPresent()) {
        ref = port.field("name").portRef();
      } else {
        port.error("missing port.number or port.name");
      }
      if (name.isEmpty() || ref.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(IngressBackend.service(name, ref.get()));
    }
    String name = c.required("serviceName");
    Optional<PortRef> ref = c.field("servicePort").portRef();
    if (c.field("servicePort").isAbsent()) {
      c.field("servicePort").error("missing servicePort");
    }
    if (name.isEmpty() || ref.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(IngressBackend.service(name, ref.get()));
  }

  void ingress(Cursor o, String apiVersion, Provenance prov, int before) {
    boolean v1 = !apiVersion.endsWith("v1beta1");
    String ns = namespace(o);
    Ingress.Builder b = Ingress.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    creationTimestamp(o).ifPresent(b::creationTimestamp);
    Cursor spec = o.field("spec");
    spec.expectObject();
    spec.nonEmpty("ingressClassName").ifPresent(b::ingressClassName);
    backend(spec.field(v1 ? "defaultBackend" : "backend"), v1).ifPresent(b::defaultBackend);
    for (Cursor r : spec.items("rules")) {
      IngressRule.Builder rb = IngressRule.builder();
      r.nonEmpty("host").ifPresent(rb::host);
      for (Cursor p : r.at("http").items("paths")) {
        IngressPath.Builder pb = IngressPath.builder();
        Optional<String> path = p.nonEmpty("path");
        Optional<PathType> type = p.field("pathType").enumValue(PathType::fromApiName,
            "Exact, Prefix or ImplementationSpecific");
        if (p.field("pathType").isAbsent()) {
          if (v1) {
            p.field("pathType").error("missing pathType (required in networking.k8s.io/v1)");
          } else {
            p.info("no pathType: ImplementationSpecific, the v1beta1 default");
            type = Optional.of(PathType.IMPLEMENTATION_SPECIFIC);
          }
        }
        if (path.isPresent() && !path.get().startsWith("/") && type.isPresent()
            && type.get() != PathType.IMPLEMENTATION_SPECIFIC) {
          p.field("path").error("path '" + path.get() + "' must start with '/' for pathType " + type.get());
        }
        path.ifPresent(pb::path);
        Optional<IngressBackend> be = backend(p.field("backend"), v1);
        if (p.field("backend").isAbsent()) {
          p.field("backend").error("missing backend");
        }
        if (type.isPresent() && be.isPresent()) {
          rb.addPaths(pb.pathType(type.get()).backend(be.get()).build());
        }
      }
      b.addRules(rb.build());
    }
    for (Cursor t : spec.items("tls")) {
      IngressTls.Builder tb = IngressTls.builder().addAllHosts(t.strings("hosts"));
      t.nonEmpty("secretName").ifPresent(tb::secretName);
      b.addTls(tb.build());
    }
    if (ok(before)) {
      out.add("Ingress", ns, b.build(), prov);
    }
  }

  void ingressClass(Cursor o, Provenance prov, int before) {
    IngressClass.Builder b = IngressClass.builder().name(name(o)).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    b.controller(o.field("spec").required("controller"));
    if (ok(before)) {
      out.add("IngressClass", "", b.build(), prov);
    }
  }
}
