package io.github.aksreach.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** k8s-model's dependency rules (STYLE.md 1): only core's public API, a model free of semantics, one-way packages. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.github.aksreach.k8s");

  @Test
  void usesOnlyCoresPublicApi() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.core.internal..")
        .check(CLASSES);
  }

  /** Only the AKS assembly (and what reports on it) places the cluster on the Azure network. */
  @Test
  void kubernetesSemanticsKnowNoAzureModel() {
    noClasses().that().resideInAnyPackage("io.github.aksreach.k8s.model..", "io.github.aksreach.k8s.load..",
            "io.github.aksreach.k8s.netpol..", "io.github.aksreach.k8s.nginx..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.nsg..")
        .check(CLASSES);
  }

  @Test
  void theModelKnowsNoSolverNoLoaderAndNoSemantics() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.core.solver..",
            "io.github.aksreach.k8s.load..", "io.github.aksreach.k8s.netpol..", "io.github.aksreach.k8s.nginx..",
            "com.fasterxml.jackson..")
        .check(CLASSES);
  }

  @Test
  void loadersDoNotDependOnSemanticsAndSemanticsDoNotDependOnEachOther() {
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.load..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.netpol..",
            "io.github.aksreach.k8s.nginx..", "io.github.aksreach.core.solver..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.netpol..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.nginx..",
            "io.github.aksreach.k8s.load..", "com.fasterxml.jackson..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.github.aksreach.k8s.nginx..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.k8s.netpol..",
            "io.github.aksreach.k8s.load..", "com.fasterxml.jackson..")
        .check(CLASSES);
  }
}
