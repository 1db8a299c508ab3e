package io.github.aksreach.k8s.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gateway API conformance suite's base fixtures (conformance/base/manifests.yaml, re-expressed as data):
 * namespaces, the Gateways {@code same-namespace}, {@code all-namespaces}, {@code backend-namespaces} and Services
 * {@code infra-backend-v1..v3}, {@code app-backend-v1/v2}, {@code web-backend} on port 8080, each with one ready pod.
 */
final class GatewayFixtures {
  static final String INFRA = "gateway-conformance-infra";

  private GatewayFixtures() {}

  static String namespace(String name, String... labels) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n  labels: {" + String.join(", ",
        labels) + "}\n---\n";
  }

  /** A Service on port 8080 with one ready pod (address {@code ip}). */
  static String backend(String ns, String name, String ip) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns + "}\n"
        + "spec:\n  selector: {app: " + name + "}\n  ports: [{port: 8080, targetPort: 3000}]\n---\n"
        + "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "-0, namespace: " + ns + ", labels: {app: "
        + name + "}}\nspec:\n  nodeName: n1\n  containers: [{name: c, ports: [{containerPort: 3000}]}]\n"
        + "status:\n  phase: Running\n  podIP: " + ip + "\n  conditions: [{type: Ready, status: \"True\"}]\n---\n";
  }

  static String gateway(String name, String from, String extra) {
    return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: " + name + ", namespace: "
        + INFRA + "}\nspec:\n  gatewayClassName: istio\n  listeners:\n  - name: http\n    port: 80\n"
        + "    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: " + from + "\n" + extra + "---\n";
  }

  static String base() {
    return namespace(INFRA, "gateway-conformance: infra")
        + namespace("gateway-conformance-app-backend", "gateway-conformance: backend")
        + namespace("gateway-conformance-web-backend", "gateway-conformance: web-backend")
        + gateway("same-namespace", "Same", "")
        + gateway("all-namespaces", "All", "")
        + gateway("backend-namespaces", "Selector", "        selector:\n          matchLabels:\n"
            + "            gateway-conformance: backend\n")
        + backend(INFRA, "infra-backend-v1", "10.244.1.1") + backend(INFRA, "infra-backend-v2", "10.244.1.2")
        + backend(INFRA, "infra-backend-v3", "10.244.1.3")
        + backend("gateway-conformance-app-backend", "app-backend-v1", "10.244.2.1")
        + backend("gateway-conformance-app-backend", "app-backend-v2", "10.244.2.2")
        + backend("gateway-conformance-web-backend", "web-backend", "10.244.3.1");
  }

  static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> load(String... yaml) {
    List<KubernetesLoader.Source> sources = new ArrayList<>();
    sources.add(new KubernetesLoader.Source("base.yaml", base()));
    for (int i = 0; i < yaml.length; i++) {
      sources.add(new KubernetesLoader.Source("test-" + i + ".yaml", yaml[i]));
    }
    return KubernetesLoader.create().loadSources(sources);
  }

  /** The base fixtures plus {@code yaml}, which must load without errors. */
  static KubernetesCluster cluster(String... yaml) {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load(yaml);
    assertThat(r.isValid()).as(r.isInvalid() ? r.getError().mkString("\n") : "").isTrue();
    return r.get().value();
  }

  /**
   * The routing answer in the conformance suite's terms: the backend Service name for a request fully forwarded to
   * one backend, else the status ({@code "404"}, {@code "500"}, {@code "503"}, {@code "302"}...).
   */
  static String answer(GatewayOutcome o) {
    if (o instanceof GatewayOutcome.Routed r) {
      if (r.shares().size() == 1 && r.shares().get(0).forwarded()) {
        return r.shares().get(0).ref().name();
      }
      if (r.shares().size() == 1) {
        return Integer.toString(r.shares().get(0).failureStatus().getAsInt());
      }
      return r.shares().toString();
    }
    if (o instanceof GatewayOutcome.Answered a) {
      return Integer.toString(a.status());
    }
    if (o instanceof GatewayOutcome.Redirected d) {
      return d.status() + " " + d.location();
    }
    return o.toString();
  }
}
