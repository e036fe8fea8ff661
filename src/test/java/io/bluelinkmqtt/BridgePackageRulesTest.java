package io.bluelinkmqtt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The event-bus bridges for other programs are a verticle like the others (docs/architecture.md): they reach the
 * rest only through the shared contract, and only the application deploys them. Kept beside {@link ArchitectureTest}.
 */
@AnalyzeClasses(packages = "io.bluelinkmqtt", importOptions = ImportOption.DoNotIncludeTests.class)
class BridgePackageRulesTest {

  @ArchTest
  static final ArchRule bridgeKnowsOnlyTheContract = classes().that().resideInAPackage("io.bluelinkmqtt.bridge..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.bluelinkmqtt.bridge..", "io.bluelinkmqtt.bus..",
          "io.bluelinkmqtt.codec..", "io.bluelinkmqtt.config..", "io.vertx..", "java..", "org.slf4j..")
      .because("the bridges forward to bus addresses; what a body means is checked by the address's consumer");

  @ArchTest
  static final ArchRule onlyTheApplicationDeploysTheBridges = noClasses().that()
      .resideOutsideOfPackages("io.bluelinkmqtt", "io.bluelinkmqtt.bridge..")
      .should().dependOnClassesThat().resideInAPackage("io.bluelinkmqtt.bridge..");
}
