package io.github.aksreach.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A scenario's Kubernetes half from fabric8: model objects you hold, or what a live {@link KubernetesClient} lists.
 * Nothing is read twice: every object is serialised with fabric8's own serializer into the JSON {@code kubectl get
 * -o json} prints, named {@code fabric8:<Kind>/<namespace>/<name>} (cluster-scoped: {@code fabric8:<Kind>/<name>}),
 * and read by the same loader as a scenario's {@code k8s/} folder, so every validation and note of {@code load}
 * applies and each message names the object it is about ({@code fabric8:Service/default/web: spec.ports[0].port:
 * ...}).
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *   ScenarioSources k8s = Fabric8Scenario.from(client).orElseThrow();   // the kinds `aksreach collect` reads
 *   AksReachability a = AksReachability.load(k8s
 *       .plusAzure(List.of(new ScenarioSources.Text("nsgs.json", Files.readString(Path.of("nsgs.json"))))))
 *       .orElseThrow();                                                  // bad input: every problem, each named
 *   a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).verdict().kind();
 * }
 *
 * // objects you already hold (an operator's cache, a test's fixtures):
 * ScenarioSources s = Fabric8Scenario.of("my-objects", List.of(service, endpointSlice, pod, node)).orElseThrow();
 * }</pre>
 *
 * <p>The Azure half comes as texts ({@code az} output, REST bodies) or from Azure SDK objects through
 * {@code aksreach-azure}'s {@code AzureSdkScenario}, joined with {@link ScenarioSources#plus(ScenarioSources)} or
 * {@link ScenarioSources#plusAzure}. This class keeps no
 * state; the serializer it shares is thread-safe.
 */
public final class Fabric8Scenario {
  /** fabric8's serializer (Jackson 3, kept inside this module): the JSON an API server and kubectl write. */
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  /** The prefix of every name this adapter gives a text. */
  public static final String PREFIX = "fabric8:";

  private Fabric8Scenario() {}

  /**
   * The texts of {@code objects}, in order, under the display name {@code name}. An object fabric8 cannot serialise
   * is an error naming it; none is dropped.
   *
   * @param objects Kubernetes objects ({@code Service}, {@code Pod}, ..., {@code GenericKubernetesResource} for the
   *     Gateway API and Istio kinds, or a {@code KubernetesList} of them)
   */
  public static Validated<ScenarioSources> of(String name, Collection<? extends KubernetesResource> objects) {
    List<ScenarioSources.Text> texts = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    int i = 0;
    for (KubernetesResource o : objects) {
      String textName = nameOf(o, i++);
      try {
        texts.add(new ScenarioSources.Text(textName, SERIALIZATION.asJson(o)));
      } catch (RuntimeException e) {
        errors.add(ModelError.of("fabric8 cannot serialise this object: " + e.getMessage()).at(textName, ""));
      }
    }
    return errors.isEmpty() ? Validated.valid(ScenarioSources.named(name).plusKubernetes(texts))
        : Validated.invalid(Vector.ofAll(errors));
  }

  /**
   * Lists, through {@code client}, the kinds {@code aksreach collect} dumps: nodes, pods, services, endpointslices
   * ({@code discovery.k8s.io/v1}), ingresses, ingressclasses, networkpolicies ({@code networking.k8s.io/v1}),
   * configmaps and namespaces, in every namespace; then the Gateway API kinds (gatewayclasses, gateways, httproutes,
   * grpcroutes, referencegrants), Istio's authorizationpolicies and Application Gateway for Containers'
   * applicationloadbalancers and healthcheckpolicies ({@code alb.networking.azure.io/v1}) whose CRDs the cluster
   * serves. A kind of the first
   * group that cannot be listed refuses the whole (an error naming the kind and the API server's answer), as in
   * {@code collect}; a CRD kind the cluster does not serve (404 for each version aksreach reads), or that cannot be
   * listed, is left out with a note in {@link ScenarioSources#notes()} saying why. The scenario is named after the
   * API server's host.
   */
  public static Validated<ScenarioSources> from(KubernetesClient client) {
    return Validated.of(ClusterKinds.list(client).flatMap(listed -> of(PREFIX + client.getMasterUrl().getHost(),
        listed.objects()).map(s -> s.plusNotes(listed.notes()))));
  }

  /**
   * The name a text of {@code object} is reported under: {@code fabric8:<Kind>/<namespace>/<name>},
   * {@code fabric8:<Kind>/<name>} without a namespace, {@code fabric8:<Kind>#<index>} without a name.
   */
  static String nameOf(KubernetesResource object, int index) {
    String kind = object instanceof HasMetadata h && h.getKind() != null ? h.getKind()
        : object.getClass().getSimpleName();
    ObjectMeta meta = object instanceof HasMetadata h ? h.getMetadata() : null;
    if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
      return PREFIX + kind + "#" + index;
    }
    String ns = meta.getNamespace();
    return PREFIX + kind + "/" + (ns == null || ns.isEmpty() ? "" : ns + "/") + meta.getName();
  }
}
