package io.github.aksreach.examples;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module layering: core <- nsg-model <- k8s-model <- examples, and the adapters (aksreach-fabric8,
 * aksreach-azure, aksreach-azure-live on aksreach-azure) on k8s-model with nothing depending on them,
 * enforced on the compiled classes.
 */
class ModuleLayeringTest {
  private static final JavaClasses ALL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.github.aksreach");

  @Test
  void modulesDependOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("io.github.aksreach.core..")
        .layer("nsg").definedBy("io.github.aksreach.nsg..")
        .layer("k8s").definedBy("io.github.aksreach.k8s..")
        .layer("adapters").definedBy("io.github.aksreach.fabric8..", "io.github.aksreach.azure..")
        .layer("examples").definedBy("io.github.aksreach.examples..")
        .whereLayer("examples").mayNotBeAccessedByAnyLayer()
        .whereLayer("adapters").mayNotBeAccessedByAnyLayer()
        .whereLayer("k8s").mayOnlyBeAccessedByLayers("adapters", "examples")
        .whereLayer("nsg").mayOnlyBeAccessedByLayers("k8s", "adapters", "examples")
        .withOptionalLayers(true)
        .check(ALL);
  }

  /** The rule above sees the adapters: their classes are on this module's test class path. */
  @Test
  void theAdaptersAreAmongTheCheckedClasses() {
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("io.github.aksreach.fabric8")).isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("io.github.aksreach.azure")).isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("io.github.aksreach.azure.live")).isTrue();
  }
}
