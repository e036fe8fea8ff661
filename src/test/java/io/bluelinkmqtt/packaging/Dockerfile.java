package io.bluelinkmqtt.packaging;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/Dockerfile read the way {@code docker build} reads the instructions the project uses: comments and line
 * continuations, stages, and for the last stage (the image) WORKDIR, ENV, USER, VOLUME, COPY, HEALTHCHECK and
 * ENTRYPOINT/CMD. Exec forms are JSON arrays; a shell form is refused, so the image never needs a shell to start.
 */
public final class Dockerfile {

  /** One COPY of the final stage; {@code fromStage} is null for a copy from the build context. */
  public record Copy(String fromStage, String source, String destination) {
  }

  private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

  private final List<String> stageImages = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<Copy> copies = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private List<String> entrypoint = List.of();
  private List<String> cmd = List.of();
  private List<String> healthcheck = List.of();
  private String healthcheckOptions = "";
  private String workdir = "/";
  private String user = "";

  public static Path path() {
    return Path.of(System.getProperty("project.basedir", "."), "docker", "Dockerfile");
  }

  public static Dockerfile read() {
    try {
      return parse(Files.readString(path()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dockerfile parse(String text) {
    Dockerfile d = new Dockerfile();
    StringBuilder logical = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.stripLeading().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String instruction = logical.toString().strip();
      logical.setLength(0);
      if (!instruction.isEmpty()) {
        d.apply(instruction);
      }
    }
    return d;
  }

  private void apply(String instruction) {
    String[] parts = instruction.split("\\s+", 2);
    String keyword = parts[0].toUpperCase();
    String args = parts.length > 1 ? parts[1].strip() : "";
    if (keyword.equals("FROM")) {
      stageImages.add(args.split("\\s+")[0]);
      env.clear();
      copies.clear();
      volumes.clear();
      entrypoint = List.of();
      cmd = List.of();
      healthcheck = List.of();
      workdir = "/";
      user = "";
      return;
    }
    switch (keyword) {
      case "ENV" -> {
        Matcher m = ENV_PAIR.matcher(args);
        while (m.find()) {
          env.put(m.group(1), m.group(2).replace("\"", ""));
        }
      }
      case "WORKDIR" -> workdir = args.startsWith("/") ? args : workdir + "/" + args;
      case "USER" -> user = args;
      case "VOLUME" -> volumes.addAll(args.startsWith("[") ? execForm(keyword, args) : List.of(args.split("\\s+")));
      case "ENTRYPOINT" -> entrypoint = execForm(keyword, args);
      case "CMD" -> cmd = execForm(keyword, args);
      case "HEALTHCHECK" -> {
        int at = args.indexOf("CMD ");
        healthcheckOptions = at < 0 ? args : args.substring(0, at).strip();
        healthcheck = at < 0 ? List.of() : execForm(keyword, args.substring(at + 4).strip());
      }
      case "COPY" -> {
        String from = null;
        String rest = args;
        if (rest.startsWith("--from=")) {
          from = rest.substring(7, rest.indexOf(' '));
          rest = rest.substring(rest.indexOf(' ') + 1).strip();
        }
        String[] paths = rest.split("\\s+");
        copies.add(new Copy(from, paths[0], paths[paths.length - 1]));
      }
      default -> {
        // RUN, EXPOSE, LABEL: nothing the image's start depends on
      }
    }
  }

  private static List<String> execForm(String keyword, String args) {
    if (!args.startsWith("[")) {
      throw new IllegalStateException(keyword + " must use the exec form (a JSON array), not a shell: " + args);
    }
    return new JsonArray(args).stream().map(String.class::cast).toList();
  }

  public List<String> stageImages() {
    return stageImages;
  }

  /** The image's environment, in the order the ENV instructions set it. */
  public Map<String, String> env() {
    return env;
  }

  public List<Copy> copies() {
    return copies;
  }

  public List<String> volumes() {
    return volumes;
  }

  public List<String> entrypoint() {
    return entrypoint;
  }

  public List<String> cmd() {
    return cmd;
  }

  /** What the container runs: ENTRYPOINT followed by CMD. */
  public List<String> command() {
    List<String> all = new ArrayList<>(entrypoint);
    all.addAll(cmd);
    return all;
  }

  public List<String> healthcheck() {
    return healthcheck;
  }

  public String healthcheckOptions() {
    return healthcheckOptions;
  }

  public String workdir() {
    return workdir;
  }

  public String user() {
    return user;
  }
}
