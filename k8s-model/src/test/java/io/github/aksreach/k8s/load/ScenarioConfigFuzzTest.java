package io.github.aksreach.k8s.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.aksreach.core.input.FuzzInvariants;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the {@code scenario.yaml} loader: on any bytes, {@link ScenarioConfigLoader#parse} returns a
 * configuration or problems, never throws, and every problem and note is one escaped, bounded line naming the file,
 * within the time bound.
 *
 * <p>Corpus: {@code src/test/resources/io/github/aksreach/k8s/load/ScenarioConfigFuzzTestInputs/scenarioYaml/}: every
 * distinct {@code scenario.yaml} of the lab and the scenario corpus, without comments.
 */
class ScenarioConfigFuzzTest {
  private static final String NAME = "scenario.yaml";

  @FuzzTest(maxDuration = "10s")
  @Timeout(30)
  void scenarioYaml(byte[] data) {
    Validation<Seq<ModelError>, Loaded<ScenarioConfig>> r = ScenarioConfigLoader.parse(NAME,
        FuzzInvariants.text(data));
    if (r.isInvalid()) {
      if (r.getError().isEmpty()) {
        throw new AssertionError("refused without a problem");
      }
      r.getError().forEach(e -> FuzzInvariants.check(e, NAME));
    } else {
      r.get().notes().forEach(n -> FuzzInvariants.checkNote(new ModelError(n.file(), n.path(), n.message()), NAME));
    }
  }
}
