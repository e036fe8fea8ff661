package io.bluelinkmqtt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.bluelinkmqtt.publish.PublishedValue;
import io.bluelinkmqtt.publish.Topics;
import java.util.List;

/**
 * The package rules of docs/architecture.md: no package cycles, the neutral car-cloud layer knows no region,
 * and the verticles meet only through the shared contract (bus addresses and failure codes, codecs, topics).
 */
@AnalyzeClasses(packages = "io.bluelinkmqtt", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "io.bluelinkmqtt";
  /** The packages of the five verticles; each may hold sub-packages (a region under api). */
  private static final List<String> VERTICLE_PACKAGES = List.of("mqtt", "command", "api", "publish", "homeassistant");

  /** Every package is its own slice, the root package and each sub-package included (api, api.eu, …). */
  private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      if (name.equals(ROOT)) {
        return SliceIdentifier.of("(root)");
      }
      return name.startsWith(ROOT + ".") ? SliceIdentifier.of(name.substring(ROOT.length() + 1))
          : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "every package under " + ROOT;
    }
  };

  /** HiveMQ is not in the bridge's jar (demo-broker/ beside it holds it): anything else using it fails at run time. */
  @ArchTest
  static final ArchRule onlyTheDemoBrokerUsesHiveMq = noClasses().that().resideOutsideOfPackage(ROOT + ".demo.broker")
      .should().dependOnClassesThat().resideInAPackage("com.hivemq..");

  @ArchTest
  static final ArchRule noPackageCycles = slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles();

  @ArchTest
  static final ArchRule neutralApiKnowsNoRegion = noClasses().that().resideInAPackage(ROOT + ".api")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".api.*..")
      .because("a region lives in its own package behind api.CloudModule; the neutral layer serves them all");

  @ArchTest
  static final ArchRule verticlesMeetOnlyThroughTheContract = CompositeArchRule.of(VERTICLE_PACKAGES.stream()
      .map(ArchitectureTest::keepsToItself).toList());

  private static ArchRule keepsToItself(String verticle) {
    String[] others = VERTICLE_PACKAGES.stream().filter(p -> !p.equals(verticle)).map(p -> ROOT + "." + p + "..")
        .toArray(String[]::new);
    return noClasses().that().resideInAPackage(ROOT + "." + verticle + "..")
        .should().dependOnClassesThat(DescribedPredicate.describe("are in another verticle's package "
            + String.join(", ", others) + " (other than publish.Topics and publish.PublishedValue)",
            target -> !isTopics(target) && resideInAny(target, others)))
        .because("verticles talk over bus addresses with JSON bodies (bus, codec, publish.Topics, publish.PublishedValue)");
  }

  /**
   * publish.Topics (the topic templates) and publish.PublishedValue (the catalogue of published values), with
   * their nested types, are the shared topic contract.
   */
  private static boolean isTopics(JavaClass target) {
    for (Class<?> contract : new Class<?>[] {Topics.class, PublishedValue.class}) {
      if (target.getName().equals(contract.getName()) || target.getName().startsWith(contract.getName() + "$")) {
        return true;
      }
    }
    return false;
  }

  private static boolean resideInAny(JavaClass target, String[] packages) {
    for (String pattern : packages) {
      String base = pattern.substring(0, pattern.length() - 2);
      String name = target.getPackageName();
      if (name.equals(base) || name.startsWith(base + ".")) {
        return true;
      }
    }
    return false;
  }
}
