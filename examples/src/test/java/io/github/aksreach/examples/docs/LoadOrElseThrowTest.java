package io.github.aksreach.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aksreach.core.model.InvalidInputException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.examples.TestDirs;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.checks.CheckContext;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain-Java use of the loaders: {@code orElseThrow()} returns the value or throws with every loader message. */
class LoadOrElseThrowTest {
  private static final Path CORPUS = Path.of("src/test/resources/scenarios");
  private static final Path LAB = Path.of("src/main/resources/lab/step4-cluster-nsgs-nodes");

  /** nsg-duplicate-priority with a second, unrelated problem in scenario.yaml. */
  private static Path twoProblems(Path tmp) throws Exception {
    Path dir = TestDirs.copy(CORPUS.resolve("nsg-duplicate-priority"), tmp.resolve("s"));
    Path yaml = dir.resolve("scenario.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("networkPlugin: kubenet", "networkPlugin: carrier-pigeon"));
    return dir;
  }

  @Test
  void aValidLoadReturnsTheValue() {
    AksReachability a = AksReachability.load(LAB).orElseThrow();
    assertThat(a.health().state("aks-user-28786594-vmss000001")).isPresent();
    Scenario s = ScenarioLoader.load(LAB).orElseThrow();
    assertThat(s.name()).isEqualTo("step4-cluster-nsgs-nodes");
    assertThat(CheckContext.load(LAB).orElseThrow().scenario().name()).isEqualTo(s.name());
  }

  @Test
  void anInvalidLoadThrowsWithEveryLoaderMessage(@TempDir Path tmp) throws Exception {
    Path dir = twoProblems(tmp);
    Validated<AksReachability> r = AksReachability.load(dir);
    assertThat(r.isInvalid()).isTrue();
    Seq<ModelError> errors = r.getError();
    assertThat(errors.size()).isGreaterThanOrEqualTo(2);

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, r::orElseThrow);
    assertThat(e.errors()).containsExactlyElementsOf(errors);
    assertThat(e.getMessage()).startsWith(errors.size() + " problems in the input:")
        .contains("azure/nsgs.json: $[1].securityRules[1]: NSG nsg-nodes: rules AllowClients and AllowOthers both "
            + "have inbound priority 100")
        .contains("carrier-pigeon");
    for (ModelError m : errors) {
      assertThat(e.getMessage()).contains(m.toString());
    }
    assertThat(e.getMessage().lines().count()).isEqualTo(1 + errors.size());

    // .get() (vavr's way) now says the same instead of "get of 'invalid' Validation", and is still a
    // NoSuchElementException for code that catches that
    NoSuchElementException viaGet = catchThrowableOfType(NoSuchElementException.class, r::get);
    assertThat(viaGet).isInstanceOf(InvalidInputException.class).hasMessage(e.getMessage());
    assertThat(catchThrowableOfType(InvalidInputException.class, () -> ScenarioLoader.load(dir).orElseThrow())
        .getMessage()).contains("carrier-pigeon");
    assertThat(catchThrowableOfType(InvalidInputException.class, () -> CheckContext.load(dir).orElseThrow())
        .getMessage()).contains("priority 100");
  }

  @Test
  void aMissingDirectoryNamesIt(@TempDir Path tmp) {
    Path nowhere = tmp.resolve("no-such-cluster");
    assertThat(catchThrowableOfType(InvalidInputException.class, () -> AksReachability.load(nowhere).orElseThrow()))
        .hasMessage("1 problem in the input:\n  " + nowhere + ": scenario directory does not exist or is not a "
            + "directory");
  }

  @Test
  void itIsStillAVavrValidation(@TempDir Path tmp) throws Exception {
    Validation<Seq<ModelError>, AksReachability> v = AksReachability.load(twoProblems(tmp));
    assertThat(v.map(a -> 1).isInvalid()).isTrue();
    int problems = v.fold(Seq::size, a -> 0);
    assertThat(problems).isGreaterThanOrEqualTo(2);
    Validation<Seq<ModelError>, String> ok = Validated.valid("x");
    assertThat(ok.map(String::length).get()).isEqualTo(1);
    assertThat(Validated.of(Validation.invalid(List.of(ModelError.of("a")))))
        .isEqualTo(Validated.invalid(List.of(ModelError.of("a"))));
  }
}
