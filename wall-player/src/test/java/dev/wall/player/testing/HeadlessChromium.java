package dev.wall.player.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for pages the wall serves on loopback: a screenshot, or the page's
 * text after it loaded. Each run gets a new empty profile; as root it needs --no-sandbox; the
 * background-networking flags keep it from calling out of a machine with no network.
 */
public final class HeadlessChromium {
  public static final String PROGRAM = "/usr/bin/chromium";

  private HeadlessChromium() {}

  /** Saves {@code url} as {@code png}, the window {@code width} x {@code height}. */
  public static void screenshot(String url, Path png, int width, int height, Path scratch)
      throws IOException, InterruptedException {
    run(
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            "--hide-scrollbars",
            url),
        scratch);
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("chromium saved no screenshot of " + url);
    }
  }

  /** The page's DOM after load, as HTML. */
  public static String dumpDom(String url, Path scratch) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url), scratch);
  }

  /**
   * The same, with Chromium's own name resolution replaced: {@code rules} as for
   * --host-resolver-rules, such as {@code MAP evil.example 127.0.0.1, MAP * ~NOTFOUND}, so a test
   * can give a page a foreign name without asking any DNS server.
   */
  public static String dumpDom(String url, String rules, Path scratch)
      throws IOException, InterruptedException {
    return run(
        List.of("--host-resolver-rules=" + rules, "--no-proxy-server", "--dump-dom", url), scratch);
  }

  private static String run(List<String> what, Path scratch)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(Files.createDirectories(scratch), "chromium-profile");
    List<String> argv =
        new ArrayList<>(
            List.of(
                PROGRAM,
                "--headless",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    if ("root".equals(System.getProperty("user.name"))) {
      argv.add("--no-sandbox");
    }
    argv.addAll(what);
    Path out = scratch.resolve("chromium-" + System.nanoTime() + ".out");
    Path err = scratch.resolve("chromium-" + System.nanoTime() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOME", profile.toString());
    Process chromium = builder.start();
    try {
      if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
        throw new IOException("chromium did not finish within 90 s: " + String.join(" ", what));
      }
      if (chromium.exitValue() != 0) {
        throw new IOException(
            "chromium exited with "
                + chromium.exitValue()
                + ": "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      List<ProcessHandle> children = chromium.descendants().toList();
      chromium.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      chromium.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
