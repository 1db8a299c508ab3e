package io.github.aksreach.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core's packages depend one way, and core knows nothing of Azure or Kubernetes. */
class CoreArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.github.aksreach.core");

  @Test
  void modelDoesNotReachIntoMatchOrSolver() {
    noClasses().that().resideInAPackage("..core.model..")
        .should().dependOnClassesThat().resideInAnyPackage("..core.solver..", "..core.match..", "..core.check..")
        .check(CORE);
  }

  @Test
  void matchDoesNotReachIntoSolver() {
    noClasses().that().resideInAPackage("..core.match..")
        .should().dependOnClassesThat().resideInAnyPackage("..core.solver..", "..core.check..")
        .check(CORE);
  }

  @Test
  void coreKnowsNoAzureOrKubernetes() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.github.aksreach.nsg..", "io.github.aksreach.k8s..", "io.github.aksreach.examples..")
        .check(CORE);
    noClasses().should().haveSimpleNameContaining("Nsg")
        .orShould().haveSimpleNameContaining("Azure")
        .orShould().haveSimpleNameContaining("Kube")
        .orShould().haveSimpleNameContaining("Pod")
        .orShould().haveSimpleNameContaining("Ingress")
        .orShould().haveSimpleNameContaining("Aks")
        .check(CORE);
  }

  /** The check API is generic: it uses the model and the solver's results, and nothing vendor-specific. */
  @Test
  void checkApiIsGeneric() {
    noClasses().that().resideInAPackage("..core.check..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.aksreach.nsg..", "io.github.aksreach.k8s..",
            "io.github.aksreach.examples..", "..core.internal..", "com.fasterxml..")
        .check(CORE);
    noClasses().that().resideInAPackage("..core.check..")
        .should().haveSimpleNameContaining("Nsg").orShould().haveSimpleNameContaining("Azure")
        .orShould().haveSimpleNameContaining("Kube").orShould().haveSimpleNameContaining("Pod")
        .orShould().haveSimpleNameContaining("Ingress").orShould().haveSimpleNameContaining("Aks")
        .orShould().haveSimpleNameContaining("Nginx").orShould().haveSimpleNameContaining("Service")
        .check(CORE);
  }
}
