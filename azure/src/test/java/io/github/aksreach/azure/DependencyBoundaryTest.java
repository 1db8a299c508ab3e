package io.github.aksreach.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The adapter brings azure-json alone: no azure-core, no Jackson of its own. The core keeps the Jackson 2 it was
 * built and tested with (the parent's enforcer rule keeps com.azure and this module off every other module).
 */
class DependencyBoundaryTest {
  @Test
  void onlyAzureJsonComesWithTheAdapter() {
    assertThat(com.azure.json.JsonSerializable.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("azure-json-");
    assertThatThrownBy(() -> Class.forName("com.azure.core.util.CoreUtils")).isInstanceOf(
        ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("tools.jackson.databind.ObjectMapper")).isInstanceOf(
        ClassNotFoundException.class);
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion()).isEqualTo(2);
    assertThat(com.fasterxml.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()
        .toString()).as("the one jackson-databind on the class path is the bom's").contains("jackson-databind-2.23.");
  }
}
