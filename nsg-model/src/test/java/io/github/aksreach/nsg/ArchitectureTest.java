package io.github.aksreach.nsg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** nsg-model uses only core's public API, and its packages depend one way: model <- eval <- analysis, model <- load. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.github.aksreach.nsg");

  @Test
  void usesOnlyTheCorePublicApi() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.aksreach.core.internal..")
        .check(CLASSES);
  }

  @Test
  void theModelKnowsNoSemanticsOrLoaders() {
    noClasses().that().resideInAPackage("..nsg.model..").should().dependOnClassesThat()
        .resideInAnyPackage("..nsg.eval..", "..nsg.load..", "..nsg.analysis..", "io.github.aksreach.core.solver..")
        .check(CLASSES);
  }

  @Test
  void semanticsDoNotDependOnLoaders() {
    noClasses().that().resideInAnyPackage("..nsg.eval..", "..nsg.analysis..").should().dependOnClassesThat()
        .resideInAPackage("..nsg.load..").check(CLASSES);
    noClasses().that().resideInAPackage("..nsg.load..").should().dependOnClassesThat()
        .resideInAnyPackage("..nsg.eval..", "..nsg.analysis..").check(CLASSES);
  }
}
