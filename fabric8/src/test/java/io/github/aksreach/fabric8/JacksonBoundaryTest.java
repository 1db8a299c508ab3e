package io.github.aksreach.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * fabric8 8 brings Jackson 3 ({@code tools.jackson}); the core modules read with Jackson 2 ({@code com.fasterxml},
 * pinned by the parent's jackson-bom). Both live side by side in this module, neither pulls the other's version:
 * the adapter's dependencies leave the core's Jackson as the core built and tested it. (The parent's enforcer rule
 * keeps Jackson 3 and fabric8 off every other module's compile and runtime class path.)
 */
class JacksonBoundaryTest {
  @Test
  void theCoreKeepsItsJackson2AndFabric8HasItsJackson3() {
    com.fasterxml.jackson.core.Version core = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
    assertThat(core.getMajorVersion()).isEqualTo(2);
    assertThat(core.getMinorVersion()).isEqualTo(23);
    tools.jackson.core.Version adapter = tools.jackson.databind.cfg.PackageVersion.VERSION;
    assertThat(adapter.getMajorVersion()).isEqualTo(3);
    assertThat(com.fasterxml.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()
        .toString()).as("the one jackson-databind 2 on the class path is the bom's").contains("jackson-databind-2.23.");
    assertThat(tools.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()
        .toString()).contains("jackson-databind-3.");
  }
}
