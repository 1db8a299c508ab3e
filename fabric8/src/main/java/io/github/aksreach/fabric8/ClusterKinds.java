package io.github.aksreach.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.load.CustomResourceKind;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The kinds {@code aksreach collect} dumps, listed through a fabric8 client. */
final class ClusterKinds {
  private ClusterKinds() {}

  /** What was listed, and why some kinds were left out. */
  record Listed(List<KubernetesResource> objects, List<ModelError> notes) {}

  /** A kind read whenever the cluster has it: listing it must work. */
  private record CoreKind(String resource, Function<KubernetesClient, List<? extends KubernetesResource>> list) {}

  /**
   * A kind of a CRD: read when the cluster serves it, in the first of {@code versions} it serves (those the loader
   * reads, newest first).
   */
  private static final List<CoreKind> CORE = List.of(
      new CoreKind("nodes", c -> c.nodes().list().getItems()),
      new CoreKind("pods", c -> c.pods().inAnyNamespace().list().getItems()),
      new CoreKind("services", c -> c.services().inAnyNamespace().list().getItems()),
      new CoreKind("endpointslices.discovery.k8s.io",
          c -> c.discovery().v1().endpointSlices().inAnyNamespace().list().getItems()),
      new CoreKind("ingresses.networking.k8s.io", c -> c.network().v1().ingresses().inAnyNamespace().list().getItems()),
      new CoreKind("ingressclasses.networking.k8s.io", c -> c.network().v1().ingressClasses().list().getItems()),
      new CoreKind("networkpolicies.networking.k8s.io",
          c -> c.network().v1().networkPolicies().inAnyNamespace().list().getItems()),
      new CoreKind("configmaps", c -> c.configMaps().inAnyNamespace().list().getItems()),
      new CoreKind("namespaces", c -> c.namespaces().list().getItems()));

  /** The custom resource kinds, as {@code collect} fetches them ({@link CustomResourceKind#ALL}). */
  private static final List<CustomResourceKind> CRDS = CustomResourceKind.ALL;

  static Validated<Listed> list(KubernetesClient client) {
    List<KubernetesResource> objects = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    for (CoreKind k : CORE) {
      try {
        objects.addAll(k.list().apply(client));
      } catch (KubernetesClientException e) {
        errors.add(ModelError.of("cannot list " + k.resource() + ": " + describe(e))
            .at(Fabric8Scenario.PREFIX + k.resource(), ""));
      }
    }
    if (!errors.isEmpty()) {
      return Validated.invalid(Vector.ofAll(errors));
    }
    List<ModelError> notes = new ArrayList<>();
    for (CustomResourceKind k : CRDS) {
      listCrd(client, k, objects, notes);
    }
    return Validated.valid(new Listed(objects, notes));
  }

  private static void listCrd(KubernetesClient client, CustomResourceKind k, List<KubernetesResource> objects,
      List<ModelError> notes) {
    String where = Fabric8Scenario.PREFIX + k.resource();
    for (String version : k.versions()) {
      ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(k.group())
          .withVersion(version).withPlural(k.plural()).withKind(k.kind()).withNamespaced(k.namespaced()).build();
      List<GenericKubernetesResource> items;
      try {
        items = k.namespaced() ? client.genericKubernetesResources(ctx).inAnyNamespace().list().getItems()
            : client.genericKubernetesResources(ctx).list().getItems();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          continue;   // this version is not served: try the next one
        }
        notes.add(new ModelError(where, "", "warning: left out: cannot list " + k.resource() + "/" + version + ": "
            + describe(e)));
        return;
      }
      for (GenericKubernetesResource item : items) {
        objects.add(withType(item, k.group() + "/" + version, k.kind()));
      }
      return;
    }
    notes.add(new ModelError(where, "", "info: left out: its CRD is not installed (the API server answered 404 for "
        + String.join(", ", k.versions()) + ")"));
  }

  /**
   * {@code item} with its {@code apiVersion} and {@code kind}: an API server leaves them out of a list's items, and
   * the loader needs them. The caller's object is not changed.
   */
  private static GenericKubernetesResource withType(GenericKubernetesResource item, String apiVersion, String kind) {
    if (item.getApiVersion() != null && item.getKind() != null) {
      return item;
    }
    GenericKubernetesResource copy = new GenericKubernetesResource();
    copy.setApiVersion(item.getApiVersion() != null ? item.getApiVersion() : apiVersion);
    copy.setKind(item.getKind() != null ? item.getKind() : kind);
    copy.setMetadata(item.getMetadata());
    copy.setAdditionalProperties(item.getAdditionalProperties());
    return copy;
  }

  private static String describe(KubernetesClientException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
        .orElse("");
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + message;
  }
}
