package io.github.aksreach.k8s.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.aksreach.core.input.FuzzInvariants;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the Kubernetes loader ({@code kubectl get ... -o yaml|json} files of a scenario's {@code k8s/}): on
 * any bytes, read as a {@code .json} file when they start like JSON and as a {@code .yaml} file otherwise,
 * {@link KubernetesLoader#loadString} returns a cluster or problems, never throws, and every problem and note is one
 * escaped, bounded line naming the file, within the time bound.
 *
 * <p>Corpus: {@code src/test/resources/io/github/aksreach/k8s/load/KubernetesFuzzTestInputs/kubernetesFiles/}: small
 * k8s files of the lab and the scenario corpus, single objects of each kind (YAML and JSON), and the odd inputs of
 * issue 15 (merge keys, an alias fan-out, BOM and JSON Lines, a duplicate key, deep nesting, control characters,
 * UTF-16).
 */
class KubernetesFuzzTest {
  @FuzzTest(maxDuration = "10s")
  @Timeout(30)
  void kubernetesFiles(byte[] data) {
    String text = FuzzInvariants.text(data);
    String name = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[") ? "fuzz.json"
        : "fuzz.yaml";
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = KubernetesLoader.create().loadString(name, text);
    if (r.isInvalid()) {
      if (r.getError().isEmpty()) {
        throw new AssertionError("refused without a problem");
      }
      r.getError().forEach(e -> FuzzInvariants.check(e, name));
    } else {
      r.get().notes().forEach(n -> FuzzInvariants.checkNote(new ModelError(n.file(), n.path(), n.message()), name));
    }
  }
}
