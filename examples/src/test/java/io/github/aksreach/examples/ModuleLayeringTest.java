package io.github.aksreach.examples;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module layering: core <- nsg-model <- k8s-model <- examples, enforced on the compiled classes. */
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
        .layer("examples").definedBy("io.github.aksreach.examples..")
        .whereLayer("examples").mayNotBeAccessedByAnyLayer()
        .whereLayer("k8s").mayOnlyBeAccessedByLayers("examples")
        .whereLayer("nsg").mayOnlyBeAccessedByLayers("k8s", "examples")
        .withOptionalLayers(true)
        .check(ALL);
  }
}
