package io.bluelinkmqtt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.HealthProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile, checked without a Docker engine; ContainerImageIT runs its ENTRYPOINT and HEALTHCHECK. */
class DockerfileTest {

  private static final Dockerfile IMAGE = Dockerfile.read();
  private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));

  @Test
  @DisplayName("multi-stage: a Maven build stage, then a JRE runtime stage that gets only the jar and the config")
  void multiStage() {
    List<String> stages = IMAGE.stageImages();
    assertEquals(2, stages.size(), stages.toString());
    assertTrue(stages.get(0).startsWith("maven:"), stages.get(0));
    assertTrue(stages.get(1).contains("-jre"), "the runtime image is a JRE, no JDK and no Maven: " + stages.get(1));
    for (Dockerfile.Copy copy : IMAGE.copies()) {
      if (copy.fromStage() == null) {
        assertTrue(Files.exists(ROOT.resolve(copy.source())), "COPY of a file the repository lacks: " + copy);
      } else {
        assertEquals("build", copy.fromStage());
        assertEquals("/src/target/bluelink-mqtt.jar", copy.source(), "the shaded jar Maven builds");
      }
    }
    assertEquals(List.of("java", "@/app/conf/jvm.options", "-jar", "/app/bluelink-mqtt.jar"), IMAGE.command(),
        "the JVM options come from the one file conf/jvm.options, copied into the image");
    assertTrue(IMAGE.copies().stream().anyMatch(c -> c.source().equals("conf/jvm.options")
        && c.destination().equals("/app/conf/jvm.options")), IMAGE.copies().toString());
  }

  @Test
  @DisplayName("non-root: a numeric USER other than 0, so Kubernetes' runAsNonRoot can tell")
  void nonRoot() {
    String uid = IMAGE.user().split(":")[0];
    assertTrue(uid.matches("[0-9]+") && !uid.equals("0"), "USER " + IMAGE.user());
  }

  @Test
  @DisplayName("the state dir is a volume and the one BLUELINK_STATE_DIR names; HTTP binds every interface")
  void stateDirAndHttp() {
    assertEquals(List.of("/data"), IMAGE.volumes());
    assertEquals("/data", IMAGE.env().get("BLUELINK_STATE_DIR"));
    assertEquals("0.0.0.0", IMAGE.env().get("HTTP_HOST"));
    assertEquals("8080", IMAGE.env().get("HTTP_PORT"));
  }

  @Test
  @DisplayName("HEALTHCHECK runs the probe class of the jar with the image's own java: no curl, no extra package")
  void healthcheck() {
    List<String> probe = IMAGE.healthcheck();
    assertEquals("java", probe.get(0));
    int cp = probe.indexOf("-cp");
    assertTrue(cp > 0, probe.toString());
    assertEquals("/app/bluelink-mqtt.jar", probe.get(cp + 1));
    assertEquals(HealthProbe.class.getName(), probe.get(probe.size() - 1));
    assertTrue(IMAGE.healthcheckOptions().contains("--start-period="), IMAGE.healthcheckOptions());
  }

  @Test
  @DisplayName("secrets only as files: no ENV sets a password, PIN or token; every ENV name is in the README")
  void envIsDocumentedAndHoldsNoSecret() {
    Readme readme = Readme.read();
    for (Map.Entry<String, String> e : IMAGE.env().entrySet()) {
      assertTrue(readme.documentsEnv(e.getKey()), "README does not document " + e.getKey());
      assertFalse(e.getKey().matches(".*(PASSWORD|PIN|TOKEN)"), "a secret in the image: " + e.getKey());
    }
  }

  @Test
  @DisplayName("the parser: continuations, comments, ENV pairs, exec forms; a shell-form ENTRYPOINT is refused")
  void parser() {
    Dockerfile d = Dockerfile.parse("FROM a AS b\nRUN x\nFROM c\n# c\nENV A=1 \\\n    B=\"two\"\nWORKDIR /w\n"
        + "ENTRYPOINT [\"java\", \"-jar\"]\nCMD [\"--demo\"]\n");
    assertEquals(List.of("a", "c"), d.stageImages());
    assertEquals(Map.of("A", "1", "B", "two"), d.env());
    assertEquals(List.of("java", "-jar", "--demo"), d.command());
    assertEquals("/w", d.workdir());
    assertThrows(IllegalStateException.class, () -> Dockerfile.parse("FROM a\nENTRYPOINT java -jar x.jar\n"));
  }
}
